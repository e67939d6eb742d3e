package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed epoch-1 resources must be exactly what the compiler makes from ../shared/data: that is what
 * makes DATA.md's provenance true. Regenerate (only for a new epoch) with
 * {@code ./mvnw -pl core-domain test -Dtest=ReferenceDataCompilerTest -Dazt3knet.refdata.write=true}.
 */
class ReferenceDataCompilerTest {

    private static final Path SHARED_DATA = Path.of("..", "..", "shared", "data");
    private static final Path RESOURCES = Path.of("src/main/resources/net/azt3knet/domain/generation/epoch1");

    @Test
    void committedResourcesAreTheCompiledSharedData() throws IOException {
        assumeTrue(Files.isDirectory(SHARED_DATA), "../shared/data is not beside this checkout");
        Map<String, String> compiled = ReferenceDataCompiler.compile(SHARED_DATA);
        if (Boolean.getBoolean("azt3knet.refdata.write")) {
            Files.createDirectories(RESOURCES);
            for (var e : compiled.entrySet()) Files.writeString(RESOURCES.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        try (var files = Files.list(RESOURCES)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(compiled.keySet());
        }
        for (var e : compiled.entrySet()) {
            assertThat(Files.readString(RESOURCES.resolve(e.getKey()), StandardCharsets.UTF_8))
                    .as("resource %s", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void transliteratesNamesToAsciiOnce() {
        assertThat(ReferenceDataCompiler.ascii("José")).isEqualTo("jose");
        assertThat(ReferenceDataCompiler.ascii("Müller")).isEqualTo("muller");
        assertThat(ReferenceDataCompiler.ascii("Łukasz")).isEqualTo("lukasz");
        assertThat(ReferenceDataCompiler.ascii("Strauß")).isEqualTo("strauss");
        assertThat(ReferenceDataCompiler.ascii("Satō")).isEqualTo("sato");
        assertThat(ReferenceDataCompiler.ascii("Jean-Pierre")).isEqualTo("jeanpierre");
        assertThat(ReferenceDataCompiler.ascii("សុខ")).isNull();
        assertThat(ReferenceDataCompiler.display("Batkhaаn")).isEqualTo("Batkhaan");
        assertThat(ReferenceDataCompiler.censusCase("MCDONALD")).isEqualTo("McDonald");
        assertThat(ReferenceDataCompiler.nationalCase("ANNA MARIA")).isEqualTo("Anna Maria");
    }
}

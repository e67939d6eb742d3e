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
 * The committed resources of each epoch must be exactly what the compiler makes from ../shared/data: that is what
 * makes DATA.md's provenance true. Regenerate (only the newest epoch, before it ships) with
 * {@code ./mvnw -pl core-domain test -Dtest=ReferenceDataCompilerTest -Dazt3knet.refdata.write=true}.
 */
class ReferenceDataCompilerTest {

    /** ../shared/data beside the checkout; {@code -Dazt3knet.shared.data=DIR} for a checkout elsewhere (a worktree). */
    private static final Path SHARED_DATA = Path.of(System.getProperty("azt3knet.shared.data", "../../shared/data"));
    private static final Path EPOCHS = Path.of("src/main/resources/net/azt3knet/domain/generation");

    @Test
    void committedResourcesAreTheCompiledSharedData() throws IOException {
        assumeTrue(Files.isDirectory(SHARED_DATA), "../shared/data is not beside this checkout");
        assertCommitted(EPOCHS.resolve("epoch1"), ReferenceDataCompiler.compile(SHARED_DATA), false);
    }

    @Test
    void committedEpoch2ResourcesAreTheCompiledSharedData() throws IOException {
        assumeTrue(Files.isDirectory(SHARED_DATA.resolve("names2")), "../shared/data/names2 is not beside this checkout");
        assertCommitted(EPOCHS.resolve("epoch2"), Epoch2DataCompiler.compile(SHARED_DATA), true);
    }

    /** Only the newest epoch may be rewritten: an older epoch's data is frozen. */
    private static void assertCommitted(Path resources, Map<String, String> compiled, boolean writable) throws IOException {
        if (writable && Boolean.getBoolean("azt3knet.refdata.write")) {
            Files.createDirectories(resources);
            for (var e : compiled.entrySet()) Files.writeString(resources.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        try (var files = Files.list(resources)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(compiled.keySet());
        }
        for (var e : compiled.entrySet()) {
            assertThat(Files.readString(resources.resolve(e.getKey()), StandardCharsets.UTF_8))
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

package net.azt3knet.domain.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/embedding.md's snippet, compiled and run exactly as written against core-domain alone. */
class EmbeddingDocTest {

    private static final Path DOC = Path.of("..", "docs", "embedding.md");

    @TempDir
    Path dir;

    @Test
    void theEmbeddingSnippetCompilesAndRuns() throws Exception {
        String doc = Files.readString(DOC);
        Matcher java = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(java.find()).isTrue();
        Path source = dir.resolve("Example.java");
        Files.writeString(source, java.group(1));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int result = compiler.run(null, null, diagnostics, "-classpath", Path.of("target", "classes").toString(),
                "-d", dir.toString(), source.toString());
        assertThat(result).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL(),
                Path.of("target", "classes").toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass("Example").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).matches("[a-z0-9._-]+@agents\\.example\\.org"));
    }

    @Test
    void theDocumentedCoordinatesAreThisBuilds() throws Exception {
        String doc = Files.readString(DOC);
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(doc).contains("<artifactId>core-domain</artifactId>", "<version>" + version.group(1) + "</version>");
    }
}

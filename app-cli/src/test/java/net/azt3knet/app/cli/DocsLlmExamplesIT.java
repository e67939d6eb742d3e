package net.azt3knet.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./azt3knet …} line of docs/llm.md runs, in order, with the variables its first example exports
 * pointing at a WireMock server that answers as Ollama's /api/chat does (random text, so identical files can only
 * come from the replay cache). {@code > FILE} is honoured; the {@code cmp} line is checked here.
 */
class DocsLlmExamplesIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theLlmExamplesRun() throws Exception {
        WireMockServer ollama = new WireMockServer(options().dynamicPort());
        ollama.start();
        try {
            ollama.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withTransformers("response-template")
                    .withBody("{\"model\":\"llama3.1:8b\",\"created_at\":\"2026-11-21T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                            + "\"content\":\"{\\\"value\\\":\\\"persona {{randomValue length=10 type='ALPHABETIC'}}\\\"}\"},"
                            + "\"done\":true,\"done_reason\":\"stop\"}")));
            Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "USER", "docs",
                    "AZT3KNET_DATA_DIR", dir.resolve("data").toString(), "AZT3KNET_LOG_FILE", dir.resolve("log").toString(),
                    "AZT3KNET_CACHE_DIR", System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache")
                            + "/azt3knet",
                    "LLM_BASE_URL", "http://127.0.0.1:" + ollama.port(), "LLM_API", "ollama", "LLM_MODEL", "llama3.1:8b"));
            String doc = Files.readString(ROOT.resolve("docs/llm.md"));
            assertThat(doc).contains("export LLM_BASE_URL=http://127.0.0.1:11434 LLM_API=ollama LLM_MODEL=llama3.1:8b");
            List<String> lines = doc.lines().filter(l -> l.startsWith("./azt3knet ")).toList();
            assertThat(lines).hasSizeGreaterThanOrEqualTo(8);
            for (String line : lines) {
                String command = line.replaceAll("\\s+#.*$", "");
                String redirect = null;
                int gt = command.indexOf(" > ");
                if (gt > 0) {
                    redirect = command.substring(gt + 3).strip();
                    command = command.substring(0, gt);
                }
                String[] args = command.substring("./azt3knet ".length()).trim().split("\\s+");
                for (int i = 0; i < args.length; i++) {
                    if (args[i].endsWith(".ndjson") && !args[i].startsWith("-")) args[i] = dir.resolve(args[i]).toString();
                }
                CliRun run = CliRun.in(env, dir, args);
                assertThat(run.exitCode()).as(line + "\n" + run.err()).isZero();
                if (redirect != null) Files.writeString(dir.resolve(redirect), run.out());
            }
            String agents = Files.readString(dir.resolve("agents.ndjson"));
            assertThat(agents.lines()).hasSize(100).allSatisfy(l -> assertThat(l).contains("\"bio\":\"persona "));
            assertThat(Files.readString(dir.resolve("again.ndjson"))).isEqualTo(agents);
            assertThat(Files.readString(dir.resolve("offline.ndjson"))).isEqualTo(agents);
            assertThat(ollama.findAll(postRequestedFor(urlEqualTo("/api/chat")))).hasSize(200);
        } finally {
            ollama.stop();
        }
    }
}

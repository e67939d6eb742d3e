package org.example.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged CLI with this module's jar added to its class path, as an operator would install a provider: the
 * registry finds it through ServiceLoader, and {@code mailboxes apply --provider maildrop} works through it.
 */
class MaildropProviderIT {

    private static final Path CLI = Path.of("..", "..", "app-cli", "target", "azt3knet.jar").toAbsolutePath().normalize();
    private static Path plugin;
    private static Path home;
    private static Map<String, String> env;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void install() throws Exception {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            plugin = jars.filter(p -> p.getFileName().toString().matches("provider-example-.*\\.jar")).findFirst().orElseThrow()
                    .toAbsolutePath();
        }
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "maildrop-");
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/azt3knet";
        env = new HashMap<>(Map.of("HOME", home.toString(), "USER", "tester", "AZT3KNET_DATA_DIR", home.resolve("data").toString(),
                "AZT3KNET_CACHE_DIR", cache, "AZT3KNET_LOG_FILE", home.resolve("azt3knet.log").toString()));
        env.put("SECRET_KEY_FOR_KV_ENC", run(List.of("keys", "generate")).out().strip());
    }

    private static Run run(List<String> args, String... extraEnv) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", CLI + java.io.File.pathSeparator + plugin, "net.azt3knet.app.cli.Main"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        for (int i = 0; i < extraEnv.length; i += 2) pb.environment().put(extraEnv[i], extraEnv[i + 1]);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void aProviderJarOnTheClassPathProvisionsMailboxes() throws Exception {
        Path drop = Files.createDirectories(home.resolve("drop"));
        Run unconfigured = run(List.of("integrations", "list", "--format", "csv"));
        assertThat(unconfigured.code()).as(unconfigured.err()).isZero();
        assertThat(unconfigured.out()).contains("maildrop,mail_provider,false,DISABLED");

        String id = run(List.of("populate", "--count", "3", "--seed", "7", "--domain", "agents.example.org", "--persist")).out().strip();
        Run apply = run(List.of("mailboxes", "apply", "--population", id, "--provider", "maildrop"), "MAILDROP_DIR", drop.toString());
        assertThat(apply.code()).as(apply.err()).isZero();
        try (Stream<Path> files = Files.list(drop)) {
            assertThat(files.map(f -> f.getFileName().toString())).hasSize(3).allMatch(n -> n.endsWith("@agents.example.org"));
        }
        Run list = run(List.of("integrations", "check", "--format", "csv"), "MAILDROP_DIR", drop.toString());
        assertThat(list.out()).contains("maildrop,mail_provider,true,READY");

        Run again = run(List.of("mailboxes", "plan", "--population", id, "--provider", "maildrop"), "MAILDROP_DIR", drop.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Plan: 0 to create, 0 to adopt, 0 to update, 0 to delete, 0 conflicts, 3 unchanged.");
    }

    @Test
    void itsFeatureFlagSwitchesItOffAndEveryUseNamesTheFlag() throws Exception {
        Path drop = Files.createDirectories(home.resolve("off"));
        String id = run(List.of("populate", "--count", "1", "--seed", "8", "--domain", "off.example.org", "--persist")).out().strip();
        Run off = run(List.of("mailboxes", "apply", "--population", id, "--provider", "maildrop"),
                "MAILDROP_DIR", drop.toString(), "FEATURES__MAILDROP_ENABLED", "false");
        assertThat(off.code()).isEqualTo(2);
        assertThat(off.err()).contains("FEATURES__MAILDROP_ENABLED=false").doesNotContain("Exception");
        try (Stream<Path> files = Files.list(drop)) {
            assertThat(files).isEmpty();
        }
        Run listed = run(List.of("integrations", "list", "--format", "csv"), "MAILDROP_DIR", drop.toString(),
                "FEATURES__MAILDROP_ENABLED", "false");
        assertThat(listed.out()).contains("maildrop,mail_provider,false,DISABLED,disabled by FEATURES__MAILDROP_ENABLED=false");
    }

    @Test
    void missingSettingsAreNamedWithTheirMeaning() throws Exception {
        String id = run(List.of("populate", "--count", "1", "--seed", "9", "--domain", "bad.example.org", "--persist")).out().strip();
        Run malformed = run(List.of("mailboxes", "apply", "--population", id, "--provider", "maildrop"), "MAILDROP_QUOTA_MIB", "lots");
        assertThat(malformed.code()).as("checked before anything runs, even unused").isEqualTo(2);
        assertThat(malformed.err()).contains("MAILDROP_QUOTA_MIB='lots' must be a whole number from 1 to 1000000");
        Run missing = run(List.of("mailboxes", "apply", "--population", id, "--provider", "maildrop"), "FEATURES__MAILDROP_ENABLED", "true");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("MAILDROP_DIR is not set; Directory that holds one file per maildrop mailbox")
                .doesNotContain("Exception");
    }
}

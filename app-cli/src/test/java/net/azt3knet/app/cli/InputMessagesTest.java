package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages about what the user gave say what is wrong in words, once, and never echo control characters raw. */
class InputMessagesTest {

    @TempDir
    Path dir;

    private CliRun run(Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("HOME", dir.toString(), "AZT3KNET_DATA_DIR", dir.resolve("data").toString()));
        all.putAll(env);
        return CliRun.in(all, dir, args);
    }

    private String key() {
        return CliRun.in(Map.of("HOME", dir.toString()), dir, "keys", "generate").out().strip();
    }

    private static void clean(CliRun cli) {
        assertThat(cli.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Input length");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aBinarySpecFileIsNotUtf8Text() throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.write(spec, new byte[] {'{', '\n', (byte) 0xff, (byte) 0xfe, 0, 1});
        CliRun cli = run(Map.of(), "populate", "--spec", spec.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--spec", spec.toString(), "is not UTF-8 text (line 2");
        clean(cli);
    }

    @Test
    void aSpecFileWithADuplicateKeyIsRefused() throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"count\": 5, \"seed\": \"a\", \"count\": 7}");
        CliRun cli = run(Map.of(), "populate", "--spec", spec.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--spec").contains("Duplicate field 'count'");
        clean(cli);
    }

    @Test
    void aBinaryDotEnvIsNotUtf8Text() throws Exception {
        Files.write(dir.resolve(".env"), new byte[] {'A', '=', '1', '\n', 'B', '=', (byte) 0xc3, (byte) 0x28});
        CliRun cli = run(Map.of(), "populations", "list");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains(".env").contains("is not UTF-8 text (line 2");
        clean(cli);
    }

    @Test
    void aMissingEnvFileNamedOnPurposeIsAnError() {
        Path missing = dir.resolve("prod.env");
        CliRun cli = run(Map.of("AZT3KNET_ENV_FILE", missing.toString()), "populations", "list");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("AZT3KNET_ENV_FILE", missing.toString(), "does not exist");
        clean(cli);
    }

    @Test
    void aMissingNewKeyFileSaysSo() {
        CliRun cli = run(Map.of("SECRET_KEY_FOR_KV_ENC", key()), "keys", "rotate", "--new-key-file", dir.resolve("nope").toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--new-key-file", "does not exist").doesNotContain("NoSuchFile");
        clean(cli);
    }

    @Test
    void thousandsOfTheSameMistakeAreSummarised() {
        String countries = String.join(",", java.util.Collections.nCopies(20_000, "MX"));
        CliRun cli = run(Map.of(), "populate", "--count", "5", "--seed", "1", "--country", countries);
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines().count()).isLessThan(12);
        assertThat(cli.err()).contains("is listed twice").contains("… and 19,994 more problems");
        clean(cli);
    }

    @Test
    void aBadCountryWeightShowsACountryExample() {
        CliRun cli = run(Map.of(), "populate", "--count", "5", "--seed", "1", "--country", "MX:abc,US:0.3");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("write weights like MX:0.7,US:0.3").doesNotContain("female");
        clean(cli);
    }

    @Test
    void controlCharactersFromInputAreEscaped() {
        CliRun cli = run(Map.of(), "populate", "--count", "5", "--seed", "1", "--city", "Ber\u001b[2Jlin\r");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).doesNotContain("\u001b").doesNotContain("\r").contains("Ber\\x1b[2Jlin");
        CliRun flag = run(Map.of(), "populate", "--count", "5\u001b]0;owned\u0007");
        assertThat(flag.err()).doesNotContain("\u001b").doesNotContain("\u0007").contains("\\x1b]0;owned\\x07");
    }
}

package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run for the start-up cache: it runs the common commands, succeeds, prints nothing, and
 * never touches the operator's configuration or data: the working directory's .env and the configured data
 * directory and database are ignored, and its own throwaway directory is gone afterwards.
 */
class TrainingIT {

    @TempDir
    Path operator;

    @Test
    void trainsInAThrowawayDirectoryAndLeavesTheOperatorsSetUpAlone() throws Exception {
        Path data = operator.resolve("data");
        // a working directory whose .env would break any command that read it
        Files.writeString(operator.resolve(".env"), "DATABASE_URL=postgresql://nowhere.invalid:1/none\nSECRET_KEY_FOR_KV_ENC=bad\n");
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/azt3knet";
        Map<String, String> env = Map.of("HOME", operator.toString(), "USER", "operator", "AZT3KNET_CACHE_DIR", cache,
                "AZT3KNET_DATA_DIR", data.toString(), "DATABASE_URL", "postgresql://nowhere.invalid:1/none",
                "MAILCOW_BASE_URL", "http://127.0.0.1:9/", "MAILCOW_API_KEY", "operator-key");
        List<Path> before = trainingDirs();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Training.Result result = Training.train(new Cli(out, new PrintStream(err, true, StandardCharsets.UTF_8), env, operator),
                Training.Scope.ALL);

        assertThat(result).isEqualTo(Training.Result.ALL_COMMANDS);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(data).doesNotExist();
        assertThat(trainingDirs()).isEqualTo(before);
    }

    @Test
    void theGeneratorsTrainingRunsPopulateAloneAndLeavesNothingBehind() throws Exception {
        Path data = operator.resolve("data");
        Map<String, String> env = Map.of("HOME", operator.toString(), "AZT3KNET_DATA_DIR", data.toString());
        List<Path> before = trainingDirs();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(out, new PrintStream(err, true, StandardCharsets.UTF_8), env, operator);

        assertThat(Training.train(cli, Training.Scope.GENERATOR)).isEqualTo(Training.Result.GENERATOR_ONLY);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(data).doesNotExist();
        assertThat(trainingDirs()).isEqualTo(before);
        // the launcher's arguments: none for every command, "generator" for populate alone; anything else is refused
        assertThat(Training.run(cli, "somethingelse")).isEqualTo(2);
    }

    private static List<Path> trainingDirs() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("azt3knet-training-")).sorted().toList();
        }
    }
}

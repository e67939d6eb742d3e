package net.azt3knet.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The launcher's training runs for its start-up caches (AOT caches on JDK 25+, CDS archives before). The JVM maps
 * in every class of its cache when it starts, so there are two: one for {@code populate} to stdout or a file,
 * trained on the generator alone, and one for every other command, trained on the common commands once each (the
 * database, crypto and provisioning paths as well as the generator's). Everything happens in a throwaway data
 * directory with a throwaway key and the local provider; the operator's configuration (.env, database, providers)
 * is never read, and nothing is printed.
 */
final class Training {

    static final String COMMAND = "__train-start-up-cache";

    private Training() {
    }

    /** Which commands a cache is for. */
    enum Scope {
        /** {@code populate} without --persist, --create-mailboxes or --enrich: the generator alone. */
        GENERATOR,
        /** Every command. */
        ALL
    }

    /** How far the training got. */
    enum Result { ALL_COMMANDS, GENERATOR_ONLY, FAILED }

    /**
     * Exit code for the launcher: 1 makes it drop the cache, and the commands then run without one.
     *
     * @param args empty for {@link Scope#ALL}, or {@code generator}
     */
    static int run(Cli cli, String... args) {
        Scope scope = args.length == 0 ? Scope.ALL : args.length == 1 && args[0].equals("generator") ? Scope.GENERATOR : null;
        if (scope == null) return 2;
        return train(cli, scope) == Result.FAILED ? 1 : 0;
    }

    static Result train(Cli cli, Scope scope) {
        Path dir;
        try {
            dir = Files.createTempDirectory("azt3knet-training-");
            Files.createFile(dir.resolve("none.env")); // named on purpose, so it must exist; empty, so nothing is read
        } catch (IOException e) {
            return Result.FAILED;
        }
        Map<String, String> env = new HashMap<>();
        for (String keep : List.of("HOME", "USER", "PATH", "XDG_CACHE_HOME", "AZT3KNET_CACHE_DIR")) {
            if (cli.env().get(keep) != null) env.put(keep, cli.env().get(keep));
        }
        env.put("AZT3KNET_DATA_DIR", dir.resolve("data").toString());
        env.put("AZT3KNET_LOG_FILE", dir.resolve("azt3knet.log").toString());
        env.put("AZT3KNET_ENV_FILE", dir.resolve("none.env").toString());
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try {
            step(env, dir, quiet, "populate", "--count", "300000", "--seed", "training", "--format", "ndjson");
            if (scope == Scope.GENERATOR) return Result.GENERATOR_ONLY;
            try {
                env.put("SECRET_KEY_FOR_KV_ENC", step(env, dir, quiet, "keys", "generate").strip());
                String id = step(env, dir, quiet, "populate", "--count", "2000", "--seed", "training", "--domain",
                        "training.example", "--create-mailboxes").strip();
                step(env, dir, quiet, "populations", "list");
                step(env, dir, quiet, "mailboxes", "plan", "--population", id);
                step(env, dir, quiet, "populations", "export", id, "--format", "csv");
                return Result.ALL_COMMANDS;
            } catch (RuntimeException e) {
                return Result.GENERATOR_ONLY; // where the embedded database cannot run, the cache still serves the generator
            }
        } catch (RuntimeException e) {
            return Result.FAILED;
        } finally {
            delete(dir);
        }
    }

    private static String step(Map<String, String> env, Path dir, PrintStream quiet, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new Cli(out, quiet, env, dir), args);
        if (code != 0) throw new IllegalStateException("training step failed: " + String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind holds no secret of the operator's
        }
    }
}

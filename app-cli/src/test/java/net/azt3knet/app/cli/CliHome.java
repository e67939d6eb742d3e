package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.adapters.persistence.PostgresPersistence;

/**
 * A fresh user home for the CLI ITs: environment, a generated master key, and the embedded database held open so
 * each command attaches to it instead of restarting it.
 */
final class CliHome implements AutoCloseable {

    final Path dir;
    final Map<String, String> env;
    final String key;
    private final PostgresPersistence held;

    private CliHome(Path dir, Map<String, String> env, String key, PostgresPersistence held) {
        this.dir = dir;
        this.env = env;
        this.key = key;
        this.held = held;
    }

    static CliHome open(String prefix) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Path home = Files.createTempDirectory(target, prefix);
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/azt3knet";
        System.setProperty("azt3knet.log.file", home.resolve("azt3knet.log").toString());
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "USER", "tester",
                "AZT3KNET_DATA_DIR", home.resolve("data").toString(), "AZT3KNET_CACHE_DIR", cache));
        String key = CliRun.in(env, home, "keys", "generate").out().strip();
        env.put("SECRET_KEY_FOR_KV_ENC", key);
        PostgresPersistence held = PostgresPersistence.start(DatabaseSettings.embedded(home.resolve("data/pg"), Path.of(cache)),
                Clock.systemUTC());
        return new CliHome(home, env, key, held);
    }

    /** The database the commands attach to, for a test to look at what they stored. */
    javax.sql.DataSource dataSource() {
        return held.dataSource();
    }

    /** The database the commands attach to, for tests that put rows in place first. */
    PostgresPersistence database() {
        return held;
    }

    @Override
    public void close() {
        held.close();
    }
}

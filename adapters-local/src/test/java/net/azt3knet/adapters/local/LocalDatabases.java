package net.azt3knet.adapters.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.azt3knet.adapters.persistence.DatabaseSettings;

/** Embedded databases for this module's ITs: a fresh data directory each, the machine's shared binaries cache. */
final class LocalDatabases {

    private LocalDatabases() {
    }

    static DatabaseSettings fresh(String name) throws IOException {
        Path target = Files.createDirectories(Path.of("target", "pg-it")).toAbsolutePath();
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("azt3knet");
        return DatabaseSettings.embedded(Files.createTempDirectory(target, name + "-"), cache);
    }
}

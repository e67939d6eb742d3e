package net.azt3knet.adapters.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Embedded databases for the ITs: a fresh data directory each, the machine's shared binaries cache. */
final class TestDatabases {

    private TestDatabases() {
    }

    static Path binariesCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("azt3knet");
    }

    static Path freshDataDir(String name) throws IOException {
        Path target = Path.of("target", "pg-it");
        Files.createDirectories(target);
        return Files.createTempDirectory(target.toAbsolutePath(), name + "-");
    }

    static DatabaseSettings fresh(String name) throws IOException {
        return DatabaseSettings.embedded(freshDataDir(name), binariesCache());
    }
}

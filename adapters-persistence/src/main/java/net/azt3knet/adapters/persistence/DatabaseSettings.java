package net.azt3knet.adapters.persistence;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import net.azt3knet.domain.credential.Secret;

/**
 * Where the database is: an embedded PostgreSQL in {@code dataDir}, or an external server at {@code jdbcUrl}.
 *
 * @param jdbcUrl        external server ({@code jdbc:postgresql://host:5432/db}), or {@code null} for embedded
 * @param user           external user, or {@code null} (taken from the URL, or the driver's default)
 * @param password       external password, or {@code null}
 * @param dataDir        embedded: the directory holding the cluster
 * @param binariesCache  embedded: where the PostgreSQL binaries are unpacked once per version
 * @param migrateOnStart apply pending migrations when opening (always true for embedded)
 */
public record DatabaseSettings(String jdbcUrl, String user, Secret password, Path dataDir, Path binariesCache,
                               boolean migrateOnStart) {

    public DatabaseSettings {
        if (jdbcUrl == null) {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(binariesCache, "binariesCache");
        }
    }

    /** An embedded PostgreSQL with its data in {@code dataDir}. */
    public static DatabaseSettings embedded(Path dataDir, Path binariesCache) {
        return new DatabaseSettings(null, null, null, dataDir, binariesCache, true);
    }

    /**
     * An external server. {@code url} is a JDBC URL ({@code jdbc:postgresql://…}) or a libpq URL
     * ({@code postgres://user:password@host:5432/db}, the {@code DATABASE_URL} form), whose user and password are
     * used unless given separately.
     *
     * @throws IllegalArgumentException naming the setting when the URL is of neither form
     */
    public static DatabaseSettings external(String url, String user, Secret password, boolean migrateOnStart) {
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql:")) return new DatabaseSettings(u, user, password, null, null, migrateOnStart);
        if (u.startsWith("postgres://") || u.startsWith("postgresql://")) {
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the database URL is malformed; expected postgres://user:password@host:5432/db");
            }
            String urlUser = null;
            Secret urlPassword = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                urlUser = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                if (parts.length == 2 && !parts[1].isEmpty()) urlPassword = Secret.of(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            String jdbc = "jdbc:postgresql://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new DatabaseSettings(jdbc, user != null ? user : urlUser, password != null ? password : urlPassword,
                    null, null, migrateOnStart);
        }
        throw new IllegalArgumentException("the database URL must start with jdbc:postgresql:// or postgres://, e.g."
                + " postgres://azt3knet@db.internal:5432/azt3knet");
    }

    /** True when the embedded server is used. */
    public boolean embedded() {
        return jdbcUrl == null;
    }

    /** Where the data is, for messages: never the password. */
    public String describe() {
        return embedded() ? "embedded PostgreSQL in " + dataDir : jdbcUrl;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + (user == null ? "" : ", user=" + user) + "]";
    }
}

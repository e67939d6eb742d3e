package net.azt3knet.adapters.persistence;

import java.util.List;

/**
 * One set of migrations' state in the database.
 *
 * @param schema   whose migrations: {@code core} (the product's own tables) or the integration that brings them
 * @param database where the database is (never a password)
 * @param current  version applied last, or {@code none}
 * @param latest   version this build brings
 * @param pending  migrations not applied yet
 * @param applied  versions applied, oldest first, each with its description
 */
public record SchemaStatus(String schema, String database, String current, String latest, List<String> pending, List<String> applied) {

    public SchemaStatus {
        pending = List.copyOf(pending);
        applied = List.copyOf(applied);
    }

    /** True when no migration is pending. */
    public boolean upToDate() {
        return pending.isEmpty();
    }
}

package net.azt3knet.ports.out.integration;

import java.util.Objects;

/**
 * The tables an integration keeps in the process's database: {@code V<n>__<what>.sql} scripts under a class-path
 * location, applied with the database's own migrations and recorded in a history table of the integration's own, so
 * the integration numbers its scripts from 1 and owns its tables alone.
 *
 * @param owner        the integration's name, as {@code db status} shows it
 * @param location     the scripts' class-path folder, e.g. {@code net/azt3knet/adapters/local/migration}
 * @param historyTable the table recording which scripts ran, e.g. {@code flyway_local_history}
 */
public record SchemaMigrations(String owner, String location, String historyTable) {

    public SchemaMigrations {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(location, "location");
        if (!historyTable.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("history table '" + historyTable + "' is not a plain lower-case SQL name");
        }
    }
}

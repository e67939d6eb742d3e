package net.azt3knet.adapters.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.ports.out.access.HashedSecretStore;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * A {@link HashedSecretStore} on a table of its own: unique indexes on the key and the name decide races between two
 * creates (the insert does nothing on a conflict), revoking sets {@code revoked_at} once. Each kind names its table,
 * columns and how a row maps to its record.
 */
abstract class JooqHashedSecretStore<R extends TableRecord<R>, S extends HashedSecretStore.Stored> implements HashedSecretStore<S> {

    /** The columns every such table has. */
    record Columns<R extends TableRecord<R>>(Table<R> table, Field<String> key, Field<String> name, Field<OffsetDateTime> createdAt,
                                              Field<OffsetDateTime> revokedAt) {
    }

    private final DSLContext dsl;
    private final Columns<R> columns;
    private final String noun;

    /** @param noun what one row is, in error messages: {@code API token} */
    JooqHashedSecretStore(DSLContext dsl, Columns<R> columns, String noun) {
        this.dsl = dsl;
        this.columns = columns;
        this.noun = noun;
    }

    /** The values of a new row, {@code created_at} and the kind's own columns included. */
    abstract Map<Field<?>, Object> row(S credential);

    abstract S credential(R row);

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    @Override
    public boolean add(S s) {
        return Translate.errors("store " + noun + " " + s.name(), () -> dsl.insertInto(columns.table()).set(row(s))
                .onConflictDoNothing().execute() == 1);
    }

    @Override
    public Optional<S> find(String key) {
        return Translate.errors("read an " + noun, () -> dsl.selectFrom(columns.table()).where(columns.key().eq(key)).fetchOptional()
                .map(this::credential));
    }

    @Override
    public List<S> list() {
        return Translate.errors("list the " + noun + "s", () -> dsl.selectFrom(columns.table())
                .orderBy(columns.createdAt(), columns.name()).fetch().map(this::credential));
    }

    @Override
    public boolean revoke(String name, Instant at) {
        return Translate.errors("revoke " + noun + " " + name, () -> dsl.update(columns.table()).set(columns.revokedAt(), utc(at))
                .where(columns.name().eq(name).and(columns.revokedAt().isNull())).execute() == 1);
    }
}

package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.API_TOKEN;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.azt3knet.adapters.persistence.jooq.tables.records.ApiTokenRecord;
import net.azt3knet.ports.out.access.ApiTokenStore;
import org.jooq.DSLContext;

/** {@link ApiTokenStore} on the {@code api_token} table; the unique name index decides races between two creates. */
final class JooqApiTokenStore implements ApiTokenStore {

    private final DSLContext dsl;

    JooqApiTokenStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean add(StoredToken t) {
        return Translate.errors("store API token " + t.name(), () -> dsl.insertInto(API_TOKEN)
                .set(API_TOKEN.ID, t.id()).set(API_TOKEN.NAME, t.name()).set(API_TOKEN.ROLE, t.role()).set(API_TOKEN.HASH, t.hash())
                .set(API_TOKEN.CREATED_AT, utc(t.createdAt())).onConflictDoNothing().execute() == 1);
    }

    @Override
    public Optional<StoredToken> find(String id) {
        return Translate.errors("read an API token", () -> dsl.selectFrom(API_TOKEN).where(API_TOKEN.ID.eq(id)).fetchOptional()
                .map(JooqApiTokenStore::token));
    }

    @Override
    public List<StoredToken> list() {
        return Translate.errors("list the API tokens", () -> dsl.selectFrom(API_TOKEN).orderBy(API_TOKEN.CREATED_AT, API_TOKEN.NAME)
                .fetch().map(JooqApiTokenStore::token));
    }

    @Override
    public boolean revoke(String name, Instant at) {
        return Translate.errors("revoke API token " + name, () -> dsl.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, utc(at))
                .where(API_TOKEN.NAME.eq(name).and(API_TOKEN.REVOKED_AT.isNull())).execute() == 1);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static StoredToken token(ApiTokenRecord r) {
        return new StoredToken(r.getId(), r.getName(), r.getRole(), r.getHash(), r.getCreatedAt().toInstant(),
                r.getRevokedAt() == null ? null : r.getRevokedAt().toInstant());
    }
}

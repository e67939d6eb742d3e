package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.API_TOKEN;

import java.util.Map;
import net.azt3knet.adapters.persistence.jooq.tables.records.ApiTokenRecord;
import net.azt3knet.ports.out.access.ApiTokenStore;
import net.azt3knet.ports.out.access.ApiTokenStore.StoredToken;
import org.jooq.DSLContext;
import org.jooq.Field;

/** {@link ApiTokenStore} on the {@code api_token} table, found by the token's id. */
final class JooqApiTokenStore extends JooqHashedSecretStore<ApiTokenRecord, StoredToken> implements ApiTokenStore {

    JooqApiTokenStore(DSLContext dsl) {
        super(dsl, new Columns<>(API_TOKEN, API_TOKEN.ID, API_TOKEN.NAME, API_TOKEN.CREATED_AT, API_TOKEN.REVOKED_AT), "API token");
    }

    @Override
    Map<Field<?>, Object> row(StoredToken t) {
        return Map.of(API_TOKEN.ID, t.id(), API_TOKEN.NAME, t.name(), API_TOKEN.ROLE, t.role(), API_TOKEN.HASH, t.hash(),
                API_TOKEN.CREATED_AT, utc(t.createdAt()));
    }

    @Override
    StoredToken credential(ApiTokenRecord r) {
        return new StoredToken(r.getId(), r.getName(), r.getRole(), r.getHash(), r.getCreatedAt().toInstant(), instant(r.getRevokedAt()));
    }
}

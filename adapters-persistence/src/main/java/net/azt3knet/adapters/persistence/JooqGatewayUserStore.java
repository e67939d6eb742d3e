package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.SMTP_USER;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.azt3knet.adapters.persistence.jooq.tables.records.SmtpUserRecord;
import net.azt3knet.ports.out.submission.GatewayUserStore;
import net.azt3knet.ports.out.submission.GatewayUserStore.StoredGatewayUser;
import org.jooq.DSLContext;
import org.jooq.Field;

/** {@link GatewayUserStore} on the {@code smtp_user} table, found by the user's name; the domains are one sorted, comma-joined column. */
final class JooqGatewayUserStore extends JooqHashedSecretStore<SmtpUserRecord, StoredGatewayUser> implements GatewayUserStore {

    JooqGatewayUserStore(DSLContext dsl) {
        super(dsl, new Columns<>(SMTP_USER, SMTP_USER.NAME, SMTP_USER.NAME, SMTP_USER.CREATED_AT, SMTP_USER.REVOKED_AT),
                "SMTP gateway user");
    }

    @Override
    Map<Field<?>, Object> row(StoredGatewayUser u) {
        return Map.of(SMTP_USER.NAME, u.name(), SMTP_USER.DOMAINS, String.join(",", new TreeSet<>(u.domains())), SMTP_USER.HASH, u.hash(),
                SMTP_USER.CREATED_AT, utc(u.createdAt()));
    }

    @Override
    StoredGatewayUser credential(SmtpUserRecord r) {
        Set<String> domains = Arrays.stream(r.getDomains().split(",")).filter(d -> !d.isEmpty()).collect(Collectors.toSet());
        return new StoredGatewayUser(r.getName(), domains, r.getHash(), r.getCreatedAt().toInstant(), instant(r.getRevokedAt()));
    }
}

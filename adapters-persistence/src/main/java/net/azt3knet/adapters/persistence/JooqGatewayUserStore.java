package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.SMTP_USER;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.azt3knet.adapters.persistence.jooq.tables.records.SmtpUserRecord;
import net.azt3knet.ports.out.submission.GatewayUserStore;
import org.jooq.DSLContext;

/** {@link GatewayUserStore} on the {@code smtp_user} table; its primary key decides races between two creates. */
final class JooqGatewayUserStore implements GatewayUserStore {

    private final DSLContext dsl;

    JooqGatewayUserStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean add(StoredGatewayUser u) {
        String domains = new TreeSet<>(u.domains()).stream().collect(Collectors.joining(","));
        return Translate.errors("store SMTP gateway user " + u.name(), () -> dsl.insertInto(SMTP_USER)
                .set(SMTP_USER.NAME, u.name()).set(SMTP_USER.DOMAINS, domains).set(SMTP_USER.HASH, u.hash())
                .set(SMTP_USER.CREATED_AT, utc(u.createdAt())).onConflictDoNothing().execute() == 1);
    }

    @Override
    public Optional<StoredGatewayUser> find(String name) {
        return Translate.errors("read an SMTP gateway user", () -> dsl.selectFrom(SMTP_USER).where(SMTP_USER.NAME.eq(name))
                .fetchOptional().map(JooqGatewayUserStore::user));
    }

    @Override
    public List<StoredGatewayUser> list() {
        return Translate.errors("list the SMTP gateway users", () -> dsl.selectFrom(SMTP_USER)
                .orderBy(SMTP_USER.CREATED_AT, SMTP_USER.NAME).fetch().map(JooqGatewayUserStore::user));
    }

    @Override
    public boolean revoke(String name, Instant at) {
        return Translate.errors("revoke SMTP gateway user " + name, () -> dsl.update(SMTP_USER).set(SMTP_USER.REVOKED_AT, utc(at))
                .where(SMTP_USER.NAME.eq(name).and(SMTP_USER.REVOKED_AT.isNull())).execute() == 1);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static StoredGatewayUser user(SmtpUserRecord r) {
        Set<String> domains = Arrays.stream(r.getDomains().split(",")).filter(d -> !d.isEmpty()).collect(Collectors.toSet());
        return new StoredGatewayUser(r.getName(), domains, r.getHash(), r.getCreatedAt().toInstant(),
                r.getRevokedAt() == null ? null : r.getRevokedAt().toInstant());
    }
}

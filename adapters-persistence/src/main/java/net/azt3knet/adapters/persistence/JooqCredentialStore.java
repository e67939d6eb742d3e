package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.AGENT;
import static net.azt3knet.adapters.persistence.jooq.Tables.CREDENTIAL;
import static net.azt3knet.adapters.persistence.jooq.Tables.POPULATION;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.StoredCredential;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;

/** {@link CredentialStore} on the {@code credential} table; re-encryption goes through a COPY into a temporary table. */
final class JooqCredentialStore implements CredentialStore {

    private final DSLContext dsl;
    private final Clock clock;

    JooqCredentialStore(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public long credentials(UUID population, Consumer<StoredCredential> each) {
        return Translate.errors("read the credentials of population " + population,
                () -> dsl.transactionResult(cfg -> scan(cfg.dsl(), CREDENTIAL.POPULATION_ID.eq(population), each)));
    }

    private static long scan(DSLContext tx, Condition where, Consumer<StoredCredential> each) {
        long n = 0;
        try (Cursor<? extends Record> cursor = tx.select(CREDENTIAL.POPULATION_ID, CREDENTIAL.AGENT_INDEX, CREDENTIAL.ROTATION,
                        CREDENTIAL.KEY_ID, CREDENTIAL.NONCE, CREDENTIAL.CIPHERTEXT, AGENT.EMAIL, AGENT.USERNAME)
                .from(CREDENTIAL).join(AGENT).on(AGENT.POPULATION_ID.eq(CREDENTIAL.POPULATION_ID)
                        .and(AGENT.AGENT_INDEX.eq(CREDENTIAL.AGENT_INDEX)))
                .where(where.and(CREDENTIAL.PURPOSE.eq(JooqPopulationStore.MAILBOX)))
                .orderBy(CREDENTIAL.POPULATION_ID, CREDENTIAL.AGENT_INDEX)
                .fetchSize(2000).fetchLazy()) {
            for (Record r : cursor) {
                each.accept(new StoredCredential(
                        new CredentialRef(r.get(CREDENTIAL.POPULATION_ID), r.get(CREDENTIAL.AGENT_INDEX), r.get(CREDENTIAL.ROTATION)),
                        r.get(AGENT.EMAIL), r.get(AGENT.USERNAME),
                        new SealedCredential(r.get(CREDENTIAL.KEY_ID), r.get(CREDENTIAL.NONCE), r.get(CREDENTIAL.CIPHERTEXT))));
                n++;
            }
        }
        return n;
    }

    /** One row by the index on lower(email) (V13): asked per SMTP login and per IMAP round, so no cursor, no scan. */
    @Override
    public Optional<StoredCredential> mailboxOf(String email) {
        return Translate.errors("read an agent's mailbox credential", () -> dsl.select(CREDENTIAL.POPULATION_ID,
                        CREDENTIAL.AGENT_INDEX, CREDENTIAL.ROTATION, CREDENTIAL.KEY_ID, CREDENTIAL.NONCE, CREDENTIAL.CIPHERTEXT,
                        AGENT.EMAIL, AGENT.USERNAME)
                .from(CREDENTIAL).join(AGENT).on(AGENT.POPULATION_ID.eq(CREDENTIAL.POPULATION_ID)
                        .and(AGENT.AGENT_INDEX.eq(CREDENTIAL.AGENT_INDEX)))
                .where(DSL.lower(AGENT.EMAIL).eq(email.toLowerCase(Locale.ROOT)).and(CREDENTIAL.PURPOSE.eq(JooqPopulationStore.MAILBOX)))
                .limit(1).fetchOptional(r -> new StoredCredential(
                        new CredentialRef(r.get(CREDENTIAL.POPULATION_ID), r.get(CREDENTIAL.AGENT_INDEX), r.get(CREDENTIAL.ROTATION)),
                        r.get(AGENT.EMAIL), r.get(AGENT.USERNAME),
                        new SealedCredential(r.get(CREDENTIAL.KEY_ID), r.get(CREDENTIAL.NONCE), r.get(CREDENTIAL.CIPHERTEXT)))));
    }

    @Override
    public long reseal(String newKeyId, UnaryOperator<StoredCredential> reseal, AuditEvent event) {
        return Translate.errors("re-encrypt the stored credentials", () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            tx.execute("CREATE TEMPORARY TABLE credential_resealed (population_id UUID, agent_index BIGINT, key_id VARCHAR(64),"
                    + " nonce BYTEA, ciphertext BYTEA) ON COMMIT DROP");
            CopyBinary rows = new CopyBinary("credential_resealed", "population_id, agent_index, key_id, nonce, ciphertext");
            long[] count = {0};
            tx.connection(connection -> {
                scan(tx, CREDENTIAL.KEY_ID.ne(newKeyId), c -> {
                    SealedCredential s = reseal.apply(c).sealed();
                    rows.row(5).uuid(c.ref().populationId()).bigint(c.ref().agentIndex()).text(s.keyId())
                        .bytes(s.nonce()).bytes(s.ciphertext());
                    count[0]++;
                });
                try {
                    rows.flush(connection);
                } catch (SQLException e) {
                    throw new DataAccessException("COPY failed", e);
                }
            });
            tx.execute("UPDATE credential c SET key_id = r.key_id, nonce = r.nonce, ciphertext = r.ciphertext"
                    + " FROM credential_resealed r WHERE c.population_id = r.population_id AND c.agent_index = r.agent_index"
                    + " AND c.purpose = '" + JooqPopulationStore.MAILBOX + "'");
            AuditLog.append(tx, clock, event.withDetail("credentials", Long.toString(count[0])));
            return count[0];
        }));
    }

    @Override
    public List<String> keyIds() {
        // One index probe per population (its first agent's credential): a scan of every credential costs ~0.3 s per
        // million, and an index on key_id would slow every bulk write, for the same answer.
        Field<String> first = DSL.field(DSL.select(CREDENTIAL.KEY_ID).from(CREDENTIAL)
                .where(CREDENTIAL.POPULATION_ID.eq(POPULATION.ID)).orderBy(CREDENTIAL.AGENT_INDEX).limit(1)).as("key_id");
        return Translate.errors("read which keys the stored credentials are sealed under",
                () -> dsl.selectDistinct(first).from(POPULATION).fetch(first).stream().filter(Objects::nonNull).sorted().toList());
    }

    @Override
    public long countNotUnder(String keyId) {
        return Translate.errors("count the stored credentials",
                () -> (long) dsl.fetchCount(CREDENTIAL, CREDENTIAL.KEY_ID.ne(keyId)));
    }

    @Override
    public void replace(StoredCredential next, AuditEvent event) {
        CredentialRef ref = next.ref();
        Translate.errors("store the new credential of agent " + ref.agentIndex(), () -> dsl.transactionResult(cfg -> {
            int updated = cfg.dsl().update(CREDENTIAL).set(CREDENTIAL.ROTATION, ref.rotation())
                    .set(CREDENTIAL.KEY_ID, next.sealed().keyId()).set(CREDENTIAL.NONCE, next.sealed().nonce())
                    .set(CREDENTIAL.CIPHERTEXT, next.sealed().ciphertext())
                    .where(CREDENTIAL.POPULATION_ID.eq(ref.populationId()).and(CREDENTIAL.AGENT_INDEX.eq(ref.agentIndex()))
                            .and(CREDENTIAL.PURPOSE.eq(JooqPopulationStore.MAILBOX)))
                    .execute();
            if (updated != 1) {
                throw new net.azt3knet.ports.out.store.PopulationStoreException("agent " + ref.agentIndex() + " of population "
                        + ref.populationId() + " has no stored credential");
            }
            return AuditLog.append(cfg.dsl(), clock, event);
        }));
    }
}

package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.AGENT;
import static net.azt3knet.adapters.persistence.jooq.Tables.AGENT_MAILBOX;
import static net.azt3knet.adapters.persistence.jooq.Tables.CREDENTIAL;
import static net.azt3knet.adapters.persistence.jooq.Tables.POPULATION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import net.azt3knet.adapters.persistence.jooq.tables.records.PopulationRecord;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.population.SpecFields;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.ports.out.store.AgentFeed;
import net.azt3knet.ports.out.store.AgentRecord;
import net.azt3knet.ports.out.store.PopulationConflictException;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.PopulationStoreException;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/** {@link PopulationStore} on PostgreSQL: agents and credentials go in by binary COPY, all in one transaction. */
final class JooqPopulationStore implements PopulationStore {

    static final String MAILBOX = "mailbox";
    /** Rows gathered before a COPY is sent: big enough to amortise the round trip, small enough to stay in cache. */
    private static final int FLUSH_BYTES = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<java.util.Map<String, Object>> PLAIN = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final Clock clock;

    JooqPopulationStore(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public void save(net.azt3knet.ports.out.store.PopulationRecord p, AgentFeed agents, AuditEvent event) {
        try {
            dsl.transaction(cfg -> {
                DSLContext tx = cfg.dsl();
                if (tx.fetchExists(POPULATION, POPULATION.ID.eq(p.id()))) {
                    throw new PopulationConflictException("population " + p.id() + " is already stored (same spec and seed);"
                            + " see it with 'azt3knet populations show " + p.id() + "'");
                }
                SpecInput spec = p.spec();
                tx.insertInto(POPULATION)
                  .set(POPULATION.ID, p.id())
                  .set(POPULATION.SPEC, JSONB.jsonb(specJson(spec)))
                  .set(POPULATION.SEED, spec.seed())
                  .set(POPULATION.EPOCH, Integer.parseInt(spec.epoch()))
                  .set(POPULATION.DOMAIN, spec.domain())
                  .set(POPULATION.AGENT_COUNT, p.agents())
                  .set(POPULATION.STATUS, p.status())
                  .set(POPULATION.CREATED_AT, OffsetDateTime.ofInstant(p.createdAt(), ZoneOffset.UTC))
                  .execute();
                long[] written = {0};
                tx.connection(connection -> written[0] = copyAgents(connection, p.id(), agents));
                if (written[0] != p.agents()) {
                    throw new PopulationStoreException("the population announced " + p.agents() + " agents but " + written[0]
                            + " were produced; nothing was stored");
                }
                AuditLog.append(tx, clock, event);
            });
        } catch (DataAccessException e) {
            throw translateSaveFailure(e, p);
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    private static long copyAgents(Connection connection, UUID population, AgentFeed feed) throws SQLException {
        CopyBinary agents = new CopyBinary("agent", "population_id, agent_index, agent_id, username, email, profile");
        CopyBinary credentials = new CopyBinary("credential",
                "population_id, agent_index, purpose, rotation, key_id, nonce, ciphertext");
        long[] count = {0};
        byte[] purpose = MAILBOX.getBytes(StandardCharsets.US_ASCII);
        feed.feed(batch -> {
            for (AgentRecord a : batch) {
                agents.row(6).uuid(population).bigint(a.index()).uuid(a.agentId()).text(a.username()).text(a.email())
                      .bytes(a.profileJson());
                SealedCredential c = a.credential();
                if (c != null) {
                    credentials.row(7).uuid(population).bigint(a.index()).bytes(purpose).integer(a.rotation())
                               .text(c.keyId()).bytes(c.nonce()).bytes(c.ciphertext());
                }
            }
            if (agents.size() >= FLUSH_BYTES) count[0] += flush(connection, agents, credentials);
        });
        count[0] += flush(connection, agents, credentials);
        return count[0];
    }

    private static long flush(Connection connection, CopyBinary agents, CopyBinary credentials) {
        try {
            long n = agents.flush(connection);
            credentials.flush(connection); // after the agents: each credential references its agent
            return n;
        } catch (SQLException e) {
            throw new DataAccessException("COPY failed", e);
        }
    }

    private RuntimeException translateSaveFailure(DataAccessException e, net.azt3knet.ports.out.store.PopulationRecord p) {
        RuntimeException inner = unwrap(e);
        if (inner != e) return inner;
        if ("23505".equals(Translate.sqlState(e))) {
            String reason = Translate.reason(e);
            String detail = detail(e);
            return new PopulationConflictException("an address of population " + p.id() + " already belongs to a stored"
                    + " population" + (detail == null ? "" : " (" + detail + ")") + "; addresses are unique across"
                    + " populations: use another --domain, or delete the other population first. Nothing was stored."
                    + (detail == null ? " Database said: " + reason : ""));
        }
        return new PopulationStoreException("cannot store population " + p.id() + ": " + Translate.reason(e)
                + "; nothing was stored", e);
    }

    private static String detail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage().getDetail();
            }
        }
        return null;
    }

    /** Exceptions thrown by the feed or by our own checks arrive wrapped by jOOQ's transaction: hand them back as thrown. */
    private static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PopulationStoreException pse) return pse;
            if (t != e && t instanceof RuntimeException r && !(t instanceof DataAccessException)) return r;
        }
        return e;
    }

    @Override
    public Optional<net.azt3knet.ports.out.store.PopulationRecord> find(UUID id) {
        return Translate.errors("read population " + id,
                () -> dsl.selectFrom(POPULATION).where(POPULATION.ID.eq(id)).fetchOptional().map(JooqPopulationStore::header));
    }

    @Override
    public List<net.azt3knet.ports.out.store.PopulationRecord> list() {
        return Translate.errors("list populations", () -> dsl.selectFrom(POPULATION)
                .orderBy(POPULATION.CREATED_AT, POPULATION.ID).fetch().map(JooqPopulationStore::header));
    }

    @Override
    public long agents(UUID population, long offset, long limit, boolean withCredentials, Consumer<AgentRecord> each) {
        return Translate.errors("read the agents of population " + population, () -> dsl.transactionResult(cfg -> {
            var select = cfg.dsl().select(AGENT.AGENT_INDEX, AGENT.AGENT_ID, AGENT.USERNAME, AGENT.EMAIL, AGENT.PROFILE,
                            CREDENTIAL.KEY_ID, CREDENTIAL.NONCE, CREDENTIAL.CIPHERTEXT, CREDENTIAL.ROTATION)
                    .from(AGENT)
                    .leftJoin(CREDENTIAL).on(withCredentials
                            ? CREDENTIAL.POPULATION_ID.eq(AGENT.POPULATION_ID).and(CREDENTIAL.AGENT_INDEX.eq(AGENT.AGENT_INDEX))
                                .and(CREDENTIAL.PURPOSE.eq(MAILBOX))
                            : org.jooq.impl.DSL.falseCondition())
                    .where(AGENT.POPULATION_ID.eq(population).and(AGENT.AGENT_INDEX.ge(offset)))
                    .orderBy(AGENT.AGENT_INDEX)
                    .limit(limit);
            long n = 0;
            try (Cursor<? extends Record> cursor = select.fetchSize(2000).fetchLazy()) {
                for (Record r : cursor) {
                    SealedCredential c = r.get(CREDENTIAL.KEY_ID) == null ? null
                            : new SealedCredential(r.get(CREDENTIAL.KEY_ID), r.get(CREDENTIAL.NONCE), r.get(CREDENTIAL.CIPHERTEXT));
                    each.accept(new AgentRecord(r.get(AGENT.AGENT_INDEX), r.get(AGENT.AGENT_ID), r.get(AGENT.USERNAME),
                            r.get(AGENT.EMAIL), r.get(AGENT.PROFILE).data().getBytes(StandardCharsets.UTF_8), c,
                            c == null ? 0 : r.get(CREDENTIAL.ROTATION)));
                    n++;
                }
            }
            return n;
        }));
    }

    @Override
    public boolean delete(UUID id, AuditEvent event) {
        return Translate.errors("delete population " + id, () -> dsl.transactionResult(cfg -> {
            int n = cfg.dsl().deleteFrom(POPULATION).where(POPULATION.ID.eq(id)).execute();
            if (n == 0) return false;
            // no foreign keys on the bulk tables (see V1__schema.sql): their rows go in the same transaction
            cfg.dsl().deleteFrom(AGENT_MAILBOX).where(AGENT_MAILBOX.POPULATION_ID.eq(id)).execute();
            cfg.dsl().deleteFrom(CREDENTIAL).where(CREDENTIAL.POPULATION_ID.eq(id)).execute();
            cfg.dsl().deleteFrom(AGENT).where(AGENT.POPULATION_ID.eq(id)).execute();
            AuditLog.append(cfg.dsl(), clock, event);
            return true;
        }));
    }

    private static net.azt3knet.ports.out.store.PopulationRecord header(PopulationRecord r) {
        return new net.azt3knet.ports.out.store.PopulationRecord(r.getId(), spec(r.getSpec().data()),
                r.getAgentCount(), r.getStatus(), r.getCreatedAt().toInstant());
    }

    /** {@code population.spec}: the spec's one JSON form ({@link SpecFields}) as text. */
    static String specJson(SpecInput spec) {
        try {
            return JSON.writeValueAsString(SpecFields.write(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec could not be written as JSON", e);
        }
    }

    static SpecInput spec(String json) {
        try {
            return SpecFields.read(JSON.readValue(json, PLAIN));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("population.spec holds malformed JSON", e);
        }
    }
}

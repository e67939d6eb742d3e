package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.AGENT_MAILBOX;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.ports.out.store.MailboxLedger;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link MailboxLedger} on the {@code agent_mailbox} table; every write is one statement, committed at once. */
final class JooqMailboxLedger implements MailboxLedger {

    private final DSLContext dsl;
    private final Clock clock;

    JooqMailboxLedger(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public Map<String, LedgerMailbox> entries(UUID population, String provider) {
        return Translate.errors("read the mailbox ledger of population " + population, () -> {
            Map<String, LedgerMailbox> out = new HashMap<>();
            for (Record r : dsl.selectFrom(AGENT_MAILBOX).where(AGENT_MAILBOX.POPULATION_ID.eq(population)
                    .and(AGENT_MAILBOX.PROVIDER.eq(provider))).fetch()) {
                LedgerMailbox l = row(r);
                out.put(l.address().toLowerCase(Locale.ROOT), l);
            }
            return out;
        });
    }

    @Override
    public Map<String, Long> providers(UUID population) {
        return Translate.errors("read the mailbox ledger of population " + population, () -> {
            Map<String, Long> out = new TreeMap<>();
            dsl.select(AGENT_MAILBOX.PROVIDER, DSL.count()).from(AGENT_MAILBOX).where(AGENT_MAILBOX.POPULATION_ID.eq(population))
                    .groupBy(AGENT_MAILBOX.PROVIDER).fetch().forEach(r -> out.put(r.value1(), (long) r.value2()));
            return out;
        });
    }

    @Override
    public void pending(UUID population, String provider, long agentIndex, String address, long jobId) {
        upsert(population, provider, agentIndex, address, LedgerMailbox.Status.PENDING, null, -1, jobId);
    }

    @Override
    public void active(UUID population, String provider, long agentIndex, String address, String reference, int appliedRotation) {
        upsert(population, provider, agentIndex, address, LedgerMailbox.Status.ACTIVE, reference, appliedRotation, null);
    }

    private void upsert(UUID population, String provider, long index, String address, LedgerMailbox.Status status, String reference,
                        int rotation, Long jobId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Translate.errors("record mailbox " + address + " in the ledger", () -> dsl.insertInto(AGENT_MAILBOX)
                .set(AGENT_MAILBOX.POPULATION_ID, population).set(AGENT_MAILBOX.AGENT_INDEX, index)
                .set(AGENT_MAILBOX.PROVIDER, provider).set(AGENT_MAILBOX.ADDRESS, address).set(AGENT_MAILBOX.STATUS, status.word())
                .set(AGENT_MAILBOX.PROVIDER_REFERENCE, reference).set(AGENT_MAILBOX.APPLIED_ROTATION, rotation)
                .set(AGENT_MAILBOX.JOB_ID, jobId).set(AGENT_MAILBOX.UPDATED_AT, now)
                .onConflict(AGENT_MAILBOX.POPULATION_ID, AGENT_MAILBOX.AGENT_INDEX, AGENT_MAILBOX.PROVIDER).doUpdate()
                .set(AGENT_MAILBOX.ADDRESS, address).set(AGENT_MAILBOX.STATUS, status.word())
                .set(AGENT_MAILBOX.PROVIDER_REFERENCE, reference).set(AGENT_MAILBOX.APPLIED_ROTATION, rotation)
                // the run that created it stays recorded when a later step marks it active
                .set(AGENT_MAILBOX.JOB_ID, jobId == null ? AGENT_MAILBOX.JOB_ID : DSL.val(jobId))
                .set(AGENT_MAILBOX.UPDATED_AT, now)
                .execute());
    }

    @Override
    public void forget(UUID population, String provider, long agentIndex) {
        Translate.errors("forget a mailbox in the ledger", () -> dsl.deleteFrom(AGENT_MAILBOX)
                .where(AGENT_MAILBOX.POPULATION_ID.eq(population).and(AGENT_MAILBOX.PROVIDER.eq(provider))
                        .and(AGENT_MAILBOX.AGENT_INDEX.eq(agentIndex))).execute());
    }

    @Override
    public List<LedgerMailbox> createdBy(UUID population, String provider, long jobId) {
        return Translate.errors("read the mailboxes job " + jobId + " created", () -> dsl.selectFrom(AGENT_MAILBOX)
                .where(AGENT_MAILBOX.POPULATION_ID.eq(population).and(AGENT_MAILBOX.PROVIDER.eq(provider))
                        .and(AGENT_MAILBOX.JOB_ID.eq(jobId)))
                .orderBy(AGENT_MAILBOX.AGENT_INDEX).fetch().map(JooqMailboxLedger::row));
    }

    private static LedgerMailbox row(Record r) {
        return new LedgerMailbox(r.get(AGENT_MAILBOX.AGENT_INDEX), r.get(AGENT_MAILBOX.ADDRESS),
                LedgerMailbox.Status.of(r.get(AGENT_MAILBOX.STATUS)),
                r.get(AGENT_MAILBOX.PROVIDER_REFERENCE), r.get(AGENT_MAILBOX.APPLIED_ROTATION));
    }
}

package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.IMAP_CHECKPOINT;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import net.azt3knet.ports.out.responder.UidCheckpoints;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link UidCheckpoints} on the {@code imap_checkpoint} table. */
final class JooqUidCheckpoints implements UidCheckpoints {

    private final DSLContext dsl;
    private final Clock clock;

    JooqUidCheckpoints(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public Optional<Checkpoint> get(String mailbox) {
        return Translate.errors("read the IMAP checkpoint of " + mailbox, () -> dsl.selectFrom(IMAP_CHECKPOINT)
                .where(IMAP_CHECKPOINT.MAILBOX.eq(mailbox)).fetchOptional()
                .map(r -> new Checkpoint(r.getUidValidity(), r.getLastUid())));
    }

    @Override
    public void save(String mailbox, Checkpoint c) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // one statement, so two intakes saving at once cannot lower it between a read and a write
        Translate.errors("save the IMAP checkpoint of " + mailbox, () -> dsl.insertInto(IMAP_CHECKPOINT)
                .set(IMAP_CHECKPOINT.MAILBOX, mailbox).set(IMAP_CHECKPOINT.UID_VALIDITY, c.uidValidity())
                .set(IMAP_CHECKPOINT.LAST_UID, c.lastUid()).set(IMAP_CHECKPOINT.UPDATED_AT, now)
                .onConflict(IMAP_CHECKPOINT.MAILBOX).doUpdate()
                .set(IMAP_CHECKPOINT.UID_VALIDITY, DSL.excluded(IMAP_CHECKPOINT.UID_VALIDITY))
                .set(IMAP_CHECKPOINT.LAST_UID, DSL.excluded(IMAP_CHECKPOINT.LAST_UID))
                .set(IMAP_CHECKPOINT.UPDATED_AT, DSL.excluded(IMAP_CHECKPOINT.UPDATED_AT))
                .where(IMAP_CHECKPOINT.UID_VALIDITY.ne(DSL.excluded(IMAP_CHECKPOINT.UID_VALIDITY))
                        .or(IMAP_CHECKPOINT.LAST_UID.le(DSL.excluded(IMAP_CHECKPOINT.LAST_UID))))
                .execute());
    }
}

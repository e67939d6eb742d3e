package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.SMTP_SUPPRESSION;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import net.azt3knet.ports.out.spool.MessageSpoolException;
import net.azt3knet.ports.out.spool.SuppressedRecipients;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** {@link SuppressedRecipients} in table {@code smtp_suppression} (migration 8); the first reason an address got is kept. */
final class JooqSuppressedRecipients implements SuppressedRecipients {

    private final DSLContext dsl;
    private final Clock clock;

    JooqSuppressedRecipients(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public boolean suppressed(String address) {
        try {
            return dsl.fetchExists(SMTP_SUPPRESSION, SMTP_SUPPRESSION.ADDRESS.eq(address.toLowerCase(Locale.ROOT)));
        } catch (DataAccessException e) {
            throw new MessageSpoolException("cannot read the suppression list: " + Translate.reason(e), e);
        }
    }

    @Override
    public void suppress(String address, String reason) {
        try {
            dsl.insertInto(SMTP_SUPPRESSION).set(SMTP_SUPPRESSION.ADDRESS, address.toLowerCase(Locale.ROOT))
                    .set(SMTP_SUPPRESSION.REASON, reason)
                    .set(SMTP_SUPPRESSION.CREATED_AT, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .onConflictDoNothing().execute();
        } catch (DataAccessException e) {
            throw new MessageSpoolException("cannot add " + address + " to the suppression list: " + Translate.reason(e), e);
        }
    }
}

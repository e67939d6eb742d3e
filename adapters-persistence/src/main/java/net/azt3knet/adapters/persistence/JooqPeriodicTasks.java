package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.JOB_SCHEDULE;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.azt3knet.adapters.persistence.JooqJobStore.Holder;
import net.azt3knet.ports.out.store.PeriodicTasks;
import org.jooq.DSLContext;

/**
 * {@link PeriodicTasks} on the {@code job_schedule} table: one upsert that moves a due task's next run on. PostgreSQL
 * runs {@code INSERT … ON CONFLICT DO UPDATE … WHERE} under the row's lock, so of several processes asking at once
 * exactly one sees its row come back.
 */
final class JooqPeriodicTasks implements PeriodicTasks {

    private final DSLContext dsl;
    private final Clock clock;
    private final Holder self;

    JooqPeriodicTasks(DSLContext dsl, Clock clock, Holder self) {
        this.dsl = dsl;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public boolean claimRound(String task, Duration every) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime next = now.plus(every);
        return Translate.errors("schedule " + task, () -> dsl.insertInto(JOB_SCHEDULE)
                .set(JOB_SCHEDULE.TASK, task).set(JOB_SCHEDULE.NEXT_RUN_AT, next).set(JOB_SCHEDULE.LAST_RUN_AT, now)
                .set(JOB_SCHEDULE.LAST_HOST, self.host()).set(JOB_SCHEDULE.LAST_PID, self.pid())
                .onConflict(JOB_SCHEDULE.TASK).doUpdate()
                .set(JOB_SCHEDULE.NEXT_RUN_AT, next).set(JOB_SCHEDULE.LAST_RUN_AT, now)
                .set(JOB_SCHEDULE.LAST_HOST, self.host()).set(JOB_SCHEDULE.LAST_PID, self.pid())
                .where(JOB_SCHEDULE.NEXT_RUN_AT.le(now))
                .returningResult(JOB_SCHEDULE.TASK).fetchOptional().isPresent());
    }
}

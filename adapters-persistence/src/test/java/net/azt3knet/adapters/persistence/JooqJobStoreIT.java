package net.azt3knet.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.JobStore.JobBusyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Leases know their holder: a dead process's lease on this host is taken over at once, a live one is waited for. */
class JooqJobStoreIT {

    private static PostgresPersistence db;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("jobs"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    private static JobStore as(String host, long pid) {
        return new JooqJobStore(db.dsl(), Clock.systemUTC(), new JooqJobStore.Holder(host, pid));
    }

    /** The id of a process that ran on this host and has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aLeaseOfAProcessThatNoLongerExistsOnThisHostIsTakenOverAtOnce() throws Exception {
        String here = JooqJobStore.Holder.CURRENT.host();
        JobStore.Job first = as(here, deadPid()).claim("test.apply", "target:dead", JobStore.Progress.of(0, 0), Duration.ofMinutes(2));

        JobStore.Job next = db.jobs().claim("test.apply", "target:dead", JobStore.Progress.of(0, 0), Duration.ofMinutes(2));

        assertThat(next.id()).isEqualTo(first.id());
        assertThat(next.resumed()).isTrue();
    }

    @Test
    void aLeaseOfALiveProcessHereOrOfAnyProcessElsewhereIsWaitedFor() throws Exception {
        String here = JooqJobStore.Holder.CURRENT.host();
        as(here, ProcessHandle.current().pid()).claim("test.apply", "target:live", JobStore.Progress.of(0, 0), Duration.ofMinutes(2));
        as("another-host", deadPid()).claim("test.apply", "target:elsewhere", JobStore.Progress.of(0, 0), Duration.ofMinutes(2));

        assertThatThrownBy(() -> as(here, 1).claim("test.apply", "target:live", JobStore.Progress.of(0, 0), Duration.ofMinutes(2)))
                .isInstanceOf(JobBusyException.class).hasMessageContaining("process " + ProcessHandle.current().pid() + " on " + here);
        assertThatThrownBy(() -> db.jobs().claim("test.apply", "target:elsewhere", JobStore.Progress.of(0, 0), Duration.ofMinutes(2)))
                .isInstanceOf(JobBusyException.class).hasMessageContaining("on another-host");
    }

    @Test
    void aReleasedLeaseIsClaimedAtOnceByAnyone() {
        JobStore.Job job = as("another-host", ProcessHandle.current().pid()).claim("test.apply", "target:released", JobStore.Progress.of(0, 0), Duration.ofMinutes(2));
        as("another-host", ProcessHandle.current().pid()).progress(job.id(), JobStore.Progress.of(0, 0), Duration.ZERO);

        assertThat(db.jobs().claim("test.apply", "target:released", JobStore.Progress.of(0, 0), Duration.ofMinutes(2)).id()).isEqualTo(job.id());
    }

    @Test
    void progressWrittenBeforeItWasARecordStillReads() {
        db.dsl().execute("INSERT INTO job (kind, target, state, payload, attempts, created_at, updated_at)"
                + " VALUES ('test.apply', 'target:old', 'done', '{\"done\":5,\"total\":7,\"failures\":1}', 1, now(), now())");

        assertThat(db.jobs().latest("test.apply", "target:old")).hasValueSatisfying(j ->
                assertThat(j.payload()).isEqualTo(new JobStore.Progress(5, 7, 1, 0)));
    }
}

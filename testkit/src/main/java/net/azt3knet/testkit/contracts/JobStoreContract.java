package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.JobStore.Progress;
import net.azt3knet.ports.out.store.JobStore.Job;
import net.azt3knet.ports.out.store.JobStore.JobBusyException;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do: one unfinished job per kind and target, a live lease keeps a second run out, a
 * lapsed one lets it resume with the stored progress, and a finished job is never resumed. Each test uses targets of
 * its own.
 */
public interface JobStoreContract {

    JobStore jobs();

    Duration LEASE = Duration.ofMinutes(5);

    private static String target() {
        return "population:" + UUID.randomUUID() + "/provider:mailcow";
    }

    @Test
    default void aFirstClaimCreatesARunningJobWithThePayloadGiven() {
        String target = target();
        Job job = jobs().claim("mailboxes.apply", target, Progress.of(0, 9), LEASE);
        assertThat(job.kind()).isEqualTo("mailboxes.apply");
        assertThat(job.target()).isEqualTo(target);
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.payload()).isEqualTo(Progress.of(0, 9));
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.resumed()).isFalse();
        assertThat(jobs().latest("mailboxes.apply", target)).hasValueSatisfying(j -> {
            assertThat(j.id()).isEqualTo(job.id());
            assertThat(j.state()).isEqualTo(JobState.RUNNING);
        });
    }

    @Test
    default void aLiveLeaseKeepsASecondRunOutNamingTheJob() {
        String target = target();
        Job first = jobs().claim("mailboxes.apply", target, Progress.of(0, 0), LEASE);
        assertThatThrownBy(() -> jobs().claim("mailboxes.apply", target, Progress.of(0, 0), LEASE))
                .isInstanceOf(JobBusyException.class).hasMessageContaining("job " + first.id());
        jobs().progress(first.id(), Progress.of(1, 9), LEASE);
        assertThatThrownBy(() -> jobs().claim("mailboxes.apply", target, Progress.of(0, 0), LEASE))
                .as("progress extends the lease").isInstanceOf(JobBusyException.class);
    }

    @Test
    default void aLapsedLeaseIsResumedWithTheStoredProgressNotTheNewPayload() {
        String target = target();
        Job first = jobs().claim("mailboxes.apply", target, Progress.of(0, 9), LEASE);
        jobs().progress(first.id(), Progress.of(3, 9), Duration.ZERO);
        Job resumed = jobs().claim("mailboxes.apply", target, Progress.of(0, 9), LEASE);
        assertThat(resumed.id()).isEqualTo(first.id());
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.state()).isEqualTo(JobState.RUNNING);
        assertThat(resumed.payload()).isEqualTo(Progress.of(3, 9));
    }

    @Test
    default void aClaimWithoutALeaseCanBeResumedAtOnce() {
        String target = target();
        Job first = jobs().claim("dns.apply", target, Progress.of(0, 0), Duration.ZERO);
        Job again = jobs().claim("dns.apply", target, Progress.of(0, 0), Duration.ZERO);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    default void aFinishedJobIsNeverResumedAndKeepsItsFinalPayload() {
        String target = target();
        Job done = jobs().claim("mailboxes.apply", target, Progress.of(0, 0), LEASE);
        jobs().finish(done.id(), JobState.DONE, Progress.of(9, 9));
        assertThat(jobs().latest("mailboxes.apply", target)).hasValueSatisfying(j -> {
            assertThat(j.state()).isEqualTo(JobState.DONE);
            assertThat(j.payload()).isEqualTo(Progress.of(9, 9));
        });

        Job next = jobs().claim("mailboxes.apply", target, Progress.of(0, 9), LEASE);
        assertThat(next.id()).isNotEqualTo(done.id());
        assertThat(next.resumed()).isFalse();
        assertThat(next.attempts()).isEqualTo(1);
        assertThat(jobs().latest("mailboxes.apply", target)).hasValueSatisfying(j -> assertThat(j.id()).isEqualTo(next.id()));
    }

    @Test
    default void aFailedJobIsTerminalToo() {
        String target = target();
        Job failed = jobs().claim("mailboxes.apply", target, Progress.of(0, 0), LEASE);
        jobs().finish(failed.id(), JobState.FAILED, new Progress(0, 9, 1, 0));
        assertThat(jobs().latest("mailboxes.apply", target).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(jobs().claim("mailboxes.apply", target, Progress.of(0, 0), LEASE).id()).isNotEqualTo(failed.id());
    }

    @Test
    default void kindsAndTargetsAreSeparateJobs() {
        String target = target();
        Job apply = jobs().claim("mailboxes.apply", target, Progress.of(0, 0), LEASE);
        Job teardown = jobs().claim("mailboxes.teardown", target, Progress.of(0, 0), LEASE);
        Job elsewhere = jobs().claim("mailboxes.apply", target(), Progress.of(0, 0), LEASE);
        assertThat(teardown.id()).isNotEqualTo(apply.id());
        assertThat(elsewhere.id()).isNotIn(apply.id(), teardown.id());
        assertThat(jobs().latest("mailboxes.apply", target).orElseThrow().id()).isEqualTo(apply.id());
        assertThat(jobs().latest("mailboxes.verify", target)).isEmpty();
    }
}

package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.JobStore.Job;
import net.azt3knet.ports.out.store.JobStore.JobBusyException;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do: one unfinished job per kind and target, a live lease keeps a second run out, a
 * lapsed one lets it resume with the stored progress, and a finished job is never resumed. Payloads are JSON and come
 * back as equal JSON (a database may respace them). Each test uses targets of its own.
 */
public interface JobStoreContract {

    JobStore jobs();

    Duration LEASE = Duration.ofMinutes(5);

    private static String target() {
        return "population:" + UUID.randomUUID() + "/provider:mailcow";
    }

    private static String compact(String json) {
        return json.replaceAll("\\s", "");
    }

    @Test
    default void aFirstClaimCreatesARunningJobWithThePayloadGiven() {
        String target = target();
        Job job = jobs().claim("mailboxes.apply", target, "{\"done\":0}", LEASE);
        assertThat(job.kind()).isEqualTo("mailboxes.apply");
        assertThat(job.target()).isEqualTo(target);
        assertThat(job.state()).isEqualTo(JobStore.RUNNING);
        assertThat(compact(job.payload())).isEqualTo("{\"done\":0}");
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.resumed()).isFalse();
        assertThat(jobs().latest("mailboxes.apply", target)).hasValueSatisfying(j -> {
            assertThat(j.id()).isEqualTo(job.id());
            assertThat(j.state()).isEqualTo(JobStore.RUNNING);
        });
    }

    @Test
    default void aLiveLeaseKeepsASecondRunOutNamingTheJob() {
        String target = target();
        Job first = jobs().claim("mailboxes.apply", target, "{}", LEASE);
        assertThatThrownBy(() -> jobs().claim("mailboxes.apply", target, "{}", LEASE))
                .isInstanceOf(JobBusyException.class).hasMessageContaining("job " + first.id());
        jobs().progress(first.id(), "{\"done\":1}", LEASE);
        assertThatThrownBy(() -> jobs().claim("mailboxes.apply", target, "{}", LEASE))
                .as("progress extends the lease").isInstanceOf(JobBusyException.class);
    }

    @Test
    default void aLapsedLeaseIsResumedWithTheStoredProgressNotTheNewPayload() {
        String target = target();
        Job first = jobs().claim("mailboxes.apply", target, "{\"done\":0}", LEASE);
        jobs().progress(first.id(), "{\"done\":3}", Duration.ZERO);
        Job resumed = jobs().claim("mailboxes.apply", target, "{\"done\":0}", LEASE);
        assertThat(resumed.id()).isEqualTo(first.id());
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.state()).isEqualTo(JobStore.RUNNING);
        assertThat(compact(resumed.payload())).isEqualTo("{\"done\":3}");
    }

    @Test
    default void aClaimWithoutALeaseCanBeResumedAtOnce() {
        String target = target();
        Job first = jobs().claim("dns.apply", target, "{}", Duration.ZERO);
        Job again = jobs().claim("dns.apply", target, "{}", Duration.ZERO);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    default void aFinishedJobIsNeverResumedAndKeepsItsFinalPayload() {
        String target = target();
        Job done = jobs().claim("mailboxes.apply", target, "{}", LEASE);
        jobs().finish(done.id(), JobStore.DONE, "{\"done\":9}");
        assertThat(jobs().latest("mailboxes.apply", target)).hasValueSatisfying(j -> {
            assertThat(j.state()).isEqualTo(JobStore.DONE);
            assertThat(compact(j.payload())).isEqualTo("{\"done\":9}");
        });

        Job next = jobs().claim("mailboxes.apply", target, "{\"done\":0}", LEASE);
        assertThat(next.id()).isNotEqualTo(done.id());
        assertThat(next.resumed()).isFalse();
        assertThat(next.attempts()).isEqualTo(1);
        assertThat(jobs().latest("mailboxes.apply", target)).hasValueSatisfying(j -> assertThat(j.id()).isEqualTo(next.id()));
    }

    @Test
    default void aFailedJobIsTerminalToo() {
        String target = target();
        Job failed = jobs().claim("mailboxes.apply", target, "{}", LEASE);
        jobs().finish(failed.id(), JobStore.FAILED, "{\"error\":\"unauthorized\"}");
        assertThat(jobs().latest("mailboxes.apply", target).orElseThrow().state()).isEqualTo(JobStore.FAILED);
        assertThat(jobs().claim("mailboxes.apply", target, "{}", LEASE).id()).isNotEqualTo(failed.id());
    }

    @Test
    default void kindsAndTargetsAreSeparateJobs() {
        String target = target();
        Job apply = jobs().claim("mailboxes.apply", target, "{}", LEASE);
        Job teardown = jobs().claim("mailboxes.teardown", target, "{}", LEASE);
        Job elsewhere = jobs().claim("mailboxes.apply", target(), "{}", LEASE);
        assertThat(teardown.id()).isNotEqualTo(apply.id());
        assertThat(elsewhere.id()).isNotIn(apply.id(), teardown.id());
        assertThat(jobs().latest("mailboxes.apply", target).orElseThrow().id()).isEqualTo(apply.id());
        assertThat(jobs().latest("mailboxes.verify", target)).isEmpty();
    }
}

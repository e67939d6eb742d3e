package net.azt3knet.application;

import java.time.Duration;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.JobStore.Progress;

/**
 * The job-table row of one apply or teardown: claimed with a lease (so two runs never work on it at once), renewed
 * as the run progresses, then finished or released for the next run to resume.
 */
final class MailboxJob {

    /** A run renews its lease as it progresses; a run that died lets the next one resume after this. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final JobStore jobs;
    private final JobStore.Job job;

    private MailboxJob(JobStore jobs, JobStore.Job job) {
        this.jobs = jobs;
        this.job = job;
    }

    /**
     * The unfinished job of {@code kind} on {@code target}, resumed, or a new one.
     *
     * @throws JobStore.JobBusyException when another run holds its lease
     */
    static MailboxJob claim(JobStore jobs, String kind, String target) {
        return new MailboxJob(jobs, jobs.claim(kind, target, Progress.of(0, 0), LEASE));
    }

    long id() {
        return job.id();
    }

    /** True when an earlier run of the same work left it unfinished. */
    boolean resumed() {
        return job.resumed();
    }

    /** Stores progress and extends the lease. */
    void renew(Progress progress) {
        jobs.progress(job.id(), progress, LEASE);
    }

    /** Stores progress and gives up the lease: the next run resumes at once. */
    void release(Progress progress) {
        jobs.progress(job.id(), progress, Duration.ZERO);
    }

    /** On the way out of a run that failed unexpectedly: the next run must not wait for this one's lease. */
    void releaseQuietly(Progress progress) {
        try {
            release(progress);
        } catch (RuntimeException storeDown) {
            // The failure being thrown says what went wrong; a lease left behind is taken over once this process is gone.
        }
    }

    /** Ends the job, done or failed. */
    void finish(JobState state, Progress progress) {
        jobs.finish(job.id(), state, progress);
    }
}

package net.azt3knet.testkit.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.JobStore;

/** {@link JobStore} in memory, leases measured on the given clock. */
public final class InMemoryJobStore implements JobStore {

    private final Clock clock;
    private final List<Job> jobs = new ArrayList<>();
    private final List<Instant> leases = new ArrayList<>();

    public InMemoryJobStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Job claim(String kind, String target, Progress payload, Duration lease) {
        for (int i = jobs.size() - 1; i >= 0; i--) {
            Job j = jobs.get(i);
            if (!j.kind().equals(kind) || !j.target().equals(target) || j.state() != JobState.RUNNING) continue;
            if (leases.get(i) != null && leases.get(i).isAfter(clock.instant())) {
                throw new JobBusyException("job " + j.id() + " (" + kind + " " + target + ") is held by another run until "
                        + leases.get(i));
            }
            Job resumed = new Job(j.id(), kind, target, JobState.RUNNING, j.payload(), j.attempts() + 1, true);
            jobs.set(i, resumed);
            leases.set(i, clock.instant().plus(lease));
            return resumed;
        }
        Job job = new Job(jobs.size() + 1, kind, target, JobState.RUNNING, payload, 1, false);
        jobs.add(job);
        leases.add(clock.instant().plus(lease));
        return job;
    }

    @Override
    public synchronized void progress(long id, Progress payload, Duration lease) {
        int i = (int) id - 1;
        Job j = jobs.get(i);
        jobs.set(i, new Job(j.id(), j.kind(), j.target(), j.state(), payload, j.attempts(), j.resumed()));
        leases.set(i, clock.instant().plus(lease));
    }

    @Override
    public synchronized void finish(long id, JobState state, Progress payload) {
        int i = (int) id - 1;
        Job j = jobs.get(i);
        jobs.set(i, new Job(j.id(), j.kind(), j.target(), state, payload, j.attempts(), j.resumed()));
        leases.set(i, null);
    }

    @Override
    public synchronized Optional<Job> latest(String kind, String target) {
        for (int i = jobs.size() - 1; i >= 0; i--) {
            Job j = jobs.get(i);
            if (j.kind().equals(kind) && j.target().equals(target)) return Optional.of(j);
        }
        return Optional.empty();
    }
}

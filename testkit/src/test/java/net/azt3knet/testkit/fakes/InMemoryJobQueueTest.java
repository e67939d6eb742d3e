package net.azt3knet.testkit.fakes;

import java.time.Instant;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.PeriodicTasks;
import net.azt3knet.testkit.contracts.JobQueueContract;
import net.azt3knet.testkit.fixtures.SettableClock;

/** The queue fake obeys the contract the PostgreSQL queue runs. */
class InMemoryJobQueueTest implements JobQueueContract {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);

    @Override
    public JobQueue process(String name) {
        return queue.process(name);
    }

    @Override
    public PeriodicTasks tasks(String name) {
        return queue.process(name);
    }

    @Override
    public SettableClock clock() {
        return clock;
    }
}

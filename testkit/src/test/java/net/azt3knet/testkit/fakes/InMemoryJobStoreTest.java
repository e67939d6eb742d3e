package net.azt3knet.testkit.fakes;

import java.time.Clock;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.testkit.contracts.JobStoreContract;

/** The job fake obeys the contract the PostgreSQL job store runs. */
class InMemoryJobStoreTest implements JobStoreContract {

    private final InMemoryJobStore jobs = new InMemoryJobStore(Clock.systemUTC());

    @Override
    public JobStore jobs() {
        return jobs;
    }
}

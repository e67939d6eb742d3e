package net.azt3knet.ports.in;

import java.util.Objects;
import java.util.UUID;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;

/**
 * Driving port: the whole {@code populate --persist [--create-mailboxes]} flow — store a population, then give its
 * agents mailboxes and verify them. The CLI and the HTTP API both run this one flow.
 */
public interface PopulateUseCase {

    /**
     * What to do.
     *
     * @param persist      the population to store
     * @param provisioning how to provision its mailboxes afterwards (its target is the same population), or null
     * @param rerun        the same command run again after its first run was cut off (a job taken over from a process
     *                     that died, or put back by a shutdown): a population stored already may be that run's own
     *                     work, so it is reported {@code resumed} instead of refused
     */
    record PopulateCommand(PersistPopulationCommand persist, ApplyCommand provisioning, boolean rerun) {
        public PopulateCommand {
            Objects.requireNonNull(persist, "persist");
            if (provisioning != null && !provisioning.target().population().equals(persist.spec().populationId())) {
                throw new IllegalArgumentException("provisioning targets population " + provisioning.target().population()
                        + ", not the one being stored (" + persist.spec().populationId() + ")");
            }
        }

        /** A first run. */
        public PopulateCommand(PersistPopulationCommand persist, ApplyCommand provisioning) {
            this(persist, provisioning, false);
        }
    }

    /**
     * What was done.
     *
     * @param resumed   the population was stored already (same spec and seed), so only the provisioning ran, resuming
     *                  from its ledger (or, for a rerun without provisioning, nothing ran)
     * @param keyId     the master key the credentials were sealed with, or null when resumed
     * @param mailboxes the provisioning's report (verification included), or null when none was asked for
     */
    record PopulateReport(UUID populationId, long agents, String keyId, boolean resumed, ApplyReport mailboxes) {
    }

    /**
     * Stores the population unless it is stored already, then provisions when asked.
     *
     * @throws net.azt3knet.ports.out.store.PopulationConflictException when it is stored already and no provisioning
     *         was asked for (nothing to resume), or when one of its addresses belongs to another population
     */
    PopulateReport populate(PopulateCommand command);

    /**
     * Refuses now what {@link #populate} would refuse because the population is stored already, for a caller that runs
     * the command later (a queued job): the answer comes at once instead of as a failed job. Stores nothing.
     *
     * @throws net.azt3knet.ports.out.store.PopulationConflictException when it is stored already and no provisioning
     *         was asked for
     */
    void check(PopulateCommand command);
}

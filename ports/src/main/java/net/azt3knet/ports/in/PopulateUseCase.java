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
     */
    record PopulateCommand(PersistPopulationCommand persist, ApplyCommand provisioning) {
        public PopulateCommand {
            Objects.requireNonNull(persist, "persist");
            if (provisioning != null && !provisioning.target().population().equals(persist.spec().populationId())) {
                throw new IllegalArgumentException("provisioning targets population " + provisioning.target().population()
                        + ", not the one being stored (" + persist.spec().populationId() + ")");
            }
        }
    }

    /**
     * What was done.
     *
     * @param resumed   the population was stored already (same spec and seed), so only the provisioning ran, resuming
     *                  from its ledger
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
}

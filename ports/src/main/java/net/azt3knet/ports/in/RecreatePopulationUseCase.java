package net.azt3knet.ports.in;

import java.util.Objects;
import net.azt3knet.domain.population.PopulationSpec;

/**
 * Driving port: rebuild a population after a loss from its spec and seed alone: the same agents and ids, the same
 * credentials re-derived from the master key, and the provider's mailboxes reconciled (adopted, not duplicated).
 */
public interface RecreatePopulationUseCase {

    /**
     * What to recreate.
     *
     * @param spec     the population's spec (with its seed)
     * @param threads  generator threads
     * @param apply    how to reconcile (its target is {@code spec.populationId()} at a provider), or null to rebuild
     *                 the database only
     * @param dns      after a reconcile that converged, re-sync the domain's DNS like {@code dns bootstrap} (DKIM as
     *                 the provider now holds it, addresses configured or kept as published)
     */
    record RecreateCommand(PopulationSpec spec, int threads, ProvisionMailboxesUseCase.ApplyCommand apply, boolean dns) {
        public RecreateCommand {
            Objects.requireNonNull(spec, "spec");
        }
    }

    /**
     * What was done: whether the population had to be stored again, the reconcile's report (null without provider),
     * and the DNS re-sync: what it applied, or why it failed (both null when it did not run). A DNS failure does not
     * fail the recreate: the mailboxes are in place.
     */
    record RecreateReport(java.util.UUID populationId, String domain, boolean restored, long agents,
                          ProvisionMailboxesUseCase.ApplyReport provisioning, ManageDnsUseCase.Applied dns, RuntimeException dnsFailure) {
    }

    RecreateReport recreate(RecreateCommand command);

    /**
     * Recreates a population the database still holds, from the spec stored with it: re-derives what is missing and
     * reconciles as {@link #recreate} does.
     *
     * @param apply how to reconcile (its target is {@code population}), or null
     * @throws UnknownPopulationException when no population has that id
     */
    RecreateReport recreateStored(java.util.UUID population, int threads, ProvisionMailboxesUseCase.ApplyCommand apply, boolean dns);
}

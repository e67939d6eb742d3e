package net.azt3knet.application;

import java.util.List;
import java.util.UUID;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.ManageDnsUseCase;
import net.azt3knet.ports.in.PersistPopulationUseCase;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.in.RecreatePopulationUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;

/**
 * Recreate is persist plus reconcile: the population id, addresses and passwords are functions of spec, seed and
 * master key, so storing the spec again rebuilds the agents and their credentials, and the reconcile adopts the
 * provider's mailboxes (setting the re-derived passwords) instead of duplicating them. Then the domain's DNS is
 * re-synced, so DKIM matches what the provider now holds. Persist and apply each refuse a master key other than the
 * stored credentials' before writing, so a recreate under the wrong key stops before its first write.
 */
public final class RecreatePopulationService implements RecreatePopulationUseCase {

    private final PopulationStore populations;
    private final PersistPopulationUseCase persist;
    private final ProvisionMailboxesUseCase provisioning;
    private final ManageDnsUseCase dns;

    public RecreatePopulationService(PopulationStore populations, PersistPopulationUseCase persist,
                                     ProvisionMailboxesUseCase provisioning, ManageDnsUseCase dns) {
        this.populations = populations;
        this.persist = persist;
        this.provisioning = provisioning;
        this.dns = dns;
    }

    @Override
    public RecreateReport recreateStored(UUID population, int threads, ProvisionMailboxesUseCase.ApplyCommand apply, boolean dns) {
        PopulationRecord stored = populations.find(population).orElseThrow(() -> new UnknownPopulationException(population));
        return recreate(new RecreateCommand(PopulationSpec.parse(stored.spec()), threads, apply, dns));
    }

    @Override
    public RecreateReport recreate(RecreateCommand command) {
        PopulationSpec spec = command.spec();
        boolean restored = false;
        PopulationRecord stored = populations.find(spec.populationId()).orElse(null);
        if (stored == null) {
            String actor = command.apply() != null ? command.apply().actor() : "recreate";
            persist.persist(new PersistPopulationCommand(spec, command.threads(), actor, null));
            restored = true;
        } else if (!stored.spec().equals(spec.toInput())) {
            throw new RejectedCommandException("population " + spec.populationId() + " is stored with another spec;"
                    + " 'azt3knet populations show " + spec.populationId() + "' shows it");
        }
        ProvisionMailboxesUseCase.ApplyReport report = null;
        if (command.apply() != null) {
            if (!command.apply().target().population().equals(spec.populationId())) {
                throw new RejectedCommandException("the reconcile must target population " + spec.populationId());
            }
            report = provisioning.apply(command.apply());
        }
        ManageDnsUseCase.Applied applied = null;
        RuntimeException dnsFailure = null;
        if (command.dns() && report != null && report.converged()) {
            try {
                applied = dns.bootstrap(new ManageDnsUseCase.Target(spec.domain(), List.of(command.apply().target().provider()), false),
                        false, false, command.apply().actor());
            } catch (RuntimeException e) {
                dnsFailure = e;
            }
        }
        return new RecreateReport(spec.populationId(), spec.domain(), restored, spec.count(), report, applied, dnsFailure);
    }
}

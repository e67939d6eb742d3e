package net.azt3knet.application;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import net.azt3knet.ports.in.PersistPopulationUseCase;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistReport;
import net.azt3knet.ports.in.PopulateUseCase;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.out.store.PopulationConflictException;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;

/**
 * Persist, then provision (whose apply ends with a verify). A population stored already is not stored again: a run
 * sent again after an interruption, a cancel or a crash goes on to the provisioning, which resumes from its ledger.
 */
public final class PopulateService implements PopulateUseCase {

    private final PersistPopulationUseCase persist;
    private final ProvisionMailboxesUseCase provisioning;
    private final PopulationStore populations;

    public PopulateService(PersistPopulationUseCase persist, ProvisionMailboxesUseCase provisioning, PopulationStore populations) {
        this.persist = Objects.requireNonNull(persist);
        this.provisioning = Objects.requireNonNull(provisioning);
        this.populations = Objects.requireNonNull(populations);
    }

    @Override
    public PopulateReport populate(PopulateCommand command) {
        Optional<PopulationRecord> stored = storedAlready(command);
        PersistReport persisted = stored.isPresent() ? null : persist.persist(command.persist());
        ApplyReport mailboxes = command.provisioning() == null ? null : provisioning.apply(command.provisioning());
        return persisted == null
                ? new PopulateReport(stored.get().id(), stored.get().agents(), null, true, mailboxes)
                : new PopulateReport(persisted.populationId(), persisted.agents(), persisted.keyId(), false, mailboxes);
    }

    @Override
    public void check(PopulateCommand command) {
        storedAlready(command);
    }

    /** The population if it is stored already; refused when there is nothing to resume. */
    private Optional<PopulationRecord> storedAlready(PopulateCommand command) {
        UUID id = command.persist().spec().populationId();
        Optional<PopulationRecord> stored = populations.find(id);
        if (stored.isPresent() && command.provisioning() == null && !command.rerun()) {
            throw new PopulationConflictException("population " + id + " is already stored (same spec and seed);"
                    + " see it with 'azt3knet populations show " + id + "', or add --create-mailboxes to give its agents"
                    + " mailboxes (resuming where an earlier run stopped)");
        }
        return stored;
    }
}

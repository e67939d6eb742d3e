package net.azt3knet.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import net.azt3knet.ports.in.BrowsePopulationsUseCase;
import net.azt3knet.ports.in.DeletePopulationUseCase;
import net.azt3knet.ports.in.PopulationHasMailboxesException;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.out.store.AgentRecord;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;

/** Reads and deletes stored populations. */
public final class BrowsePopulationsService implements BrowsePopulationsUseCase, DeletePopulationUseCase {

    private final PopulationStore store;
    private final MailboxLedger ledger;

    public BrowsePopulationsService(PopulationStore store, MailboxLedger ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    @Override
    public List<PopulationRecord> list() {
        return store.list();
    }

    @Override
    public PopulationRecord show(UUID id) {
        return store.find(id).orElseThrow(() -> new UnknownPopulationException(id));
    }

    @Override
    public long agents(UUID id, long offset, long limit, Consumer<AgentRecord> each) {
        show(id);
        return store.agents(id, offset, limit, false, each);
    }

    @Override
    public long delete(UUID id, String actor, boolean keepMailboxes) {
        PopulationRecord p = show(id);
        // Deleting forgets which provider mailboxes are the population's: say so before, not after.
        Map<String, Long> held = ledger.providers(id);
        long mailboxes = held.values().stream().mapToLong(Long::longValue).sum();
        if (mailboxes > 0 && !keepMailboxes) throw new PopulationHasMailboxesException(id, held);
        AuditEvent event = AuditEvent.ok(actor, "population.delete", "population:" + id,
                Map.of("agents", Long.toString(p.agents()), "kept_mailboxes", Long.toString(mailboxes)));
        if (!store.delete(id, event)) throw new UnknownPopulationException(id);
        return p.agents();
    }
}

package net.azt3knet.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.mailbox.DesiredMailbox;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;

/** Reads a {@link MailboxState}: the one place the reconcile, the verify and the rotation learn what is. */
final class MailboxStateReader {

    private final PopulationStore populations;
    private final MailProviders providers;
    private final MailboxLedger ledger;

    MailboxStateReader(PopulationStore populations, MailProviders providers, MailboxLedger ledger) {
        this.populations = populations;
        this.providers = providers;
        this.ledger = ledger;
    }

    /** The stored population. */
    PopulationRecord population(UUID id) {
        return populations.find(id).orElseThrow(() -> new UnknownPopulationException(id));
    }

    /** The state of {@code target}; with {@code withDesired}, also every agent's desired mailbox and sealed credential. */
    MailboxState read(Target target, boolean withDesired) {
        PopulationRecord population = population(target.population());
        MailboxProvisioning provider = providers.mailboxes(target.provider());
        boolean passwords = providers.capabilities(target.provider()).hostsMailboxes();
        String domain = population.spec().domain();
        List<DesiredMailbox> desired = new ArrayList<>();
        Map<Long, SealedCredential> sealed = new HashMap<>();
        if (withDesired) {
            populations.agents(population.id(), 0, Long.MAX_VALUE, true, a -> {
                String name = CanonicalJson.stringField(a.profileJson(), "display_name");
                desired.add(new DesiredMailbox(a.index(), a.email(), name == null ? a.username() : name, a.rotation()));
                if (a.credential() != null) sealed.put(a.index(), a.credential());
            });
        }
        Map<String, ExistingMailbox> existing = new HashMap<>();
        for (ExistingMailbox e : provider.list(domain)) existing.put(e.address().toLowerCase(Locale.ROOT), e);
        return new MailboxState(population, domain, provider, passwords, desired, sealed, existing,
                ledger.entries(population.id(), target.provider()));
    }
}

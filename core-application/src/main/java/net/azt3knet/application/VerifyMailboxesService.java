package net.azt3knet.application;

import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.VerifyReport;
import net.azt3knet.ports.in.VerifyMailboxesUseCase;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;

/** The read-back: every agent's mailbox compared with what the provider holds and the ledger records; writes nothing. */
public final class VerifyMailboxesService implements VerifyMailboxesUseCase {

    private final MailboxStateReader reader;

    public VerifyMailboxesService(PopulationStore populations, MailProviders providers, MailboxLedger ledger) {
        this.reader = new MailboxStateReader(populations, providers, ledger);
    }

    @Override
    public VerifyReport verify(Target target) {
        return reader.read(target, true).verify();
    }
}

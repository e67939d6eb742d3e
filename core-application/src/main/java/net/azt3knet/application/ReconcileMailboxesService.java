package net.azt3knet.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.mailbox.MailboxPlan;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;

/**
 * The reconcile: reads the population, the provider and the ledger, lets the domain plan, and applies the plan on
 * {@code concurrency} threads (see {@link MailboxApplyEngine}); an interrupted run is resumed by the next one. Apply
 * refuses, before any read of the provider or any write, a master key other than the one the stored credentials are
 * sealed under; teardown needs no key.
 */
public final class ReconcileMailboxesService implements ProvisionMailboxesUseCase {

    private final MailboxStateReader reader;
    private final MailboxApplyEngine engine;
    private final MasterKeyGuard guard;
    private final CredentialCipher cipher;
    private final MailboxLedger ledger;

    public ReconcileMailboxesService(PopulationStore populations, CredentialStore credentials, CredentialCipher cipher,
                                     MailProviders providers, MailboxLedger ledger, JobStore jobs, AuditTrail audit,
                                     Clock clock) {
        this.reader = new MailboxStateReader(populations, providers, ledger);
        this.engine = new MailboxApplyEngine(reader, cipher, ledger, jobs, audit, clock);
        this.guard = new MasterKeyGuard(credentials);
        this.cipher = cipher;
        this.ledger = ledger;
    }

    @Override
    public MailboxPlan plan(Target target) {
        MailboxState s = reader.read(target, true);
        return s.plan(true).withDomain(s.provider().domainChanges(s.domain()));
    }

    @Override
    public MailboxPlan teardownPlan(Target target) {
        return reader.read(target, false).plan(false);
    }

    @Override
    public ApplyReport apply(ApplyCommand command) {
        guard.check(cipher);
        return engine.run(MailboxApplyEngine.APPLY, command, true);
    }

    @Override
    public ApplyReport teardown(ApplyCommand command) {
        return engine.run(MailboxApplyEngine.TEARDOWN, command, false);
    }

    @Override
    public List<LedgerMailbox> list(Target target) {
        reader.population(target.population());
        List<LedgerMailbox> out = new ArrayList<>(ledger.entries(target.population(), target.provider()).values());
        out.sort(Comparator.comparingLong(LedgerMailbox::agentIndex));
        return out;
    }
}

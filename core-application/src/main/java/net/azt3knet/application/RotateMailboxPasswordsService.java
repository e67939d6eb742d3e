package net.azt3knet.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.RotateMailboxPasswordsUseCase;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.StoredCredential;

/**
 * Password rotation: each chosen agent's credential moves to its next rotation (derived, sealed and audited), then
 * the reconcile sets the new passwords at the provider. Refuses, before any write, a master key other than the one
 * the stored credentials are sealed under, and a provider whose agents have no password.
 */
public final class RotateMailboxPasswordsService implements RotateMailboxPasswordsUseCase {

    private final PopulationStore populations;
    private final CredentialStore credentials;
    private final MasterKeyGuard guard;
    private final CredentialCipher cipher;
    private final MailProviders providers;
    private final ProvisionMailboxesUseCase reconcile;

    public RotateMailboxPasswordsService(PopulationStore populations, CredentialStore credentials, CredentialCipher cipher,
                                         MailProviders providers, ProvisionMailboxesUseCase reconcile) {
        this.populations = populations;
        this.credentials = credentials;
        this.guard = new MasterKeyGuard(credentials);
        this.cipher = cipher;
        this.providers = providers;
        this.reconcile = reconcile;
    }

    @Override
    public ApplyReport rotatePasswords(ApplyCommand command, Set<Long> agents) {
        guard.check(cipher);
        Target target = command.target();
        if (!providers.capabilities(target.provider()).hostsMailboxes()) {
            throw new RejectedCommandException(target.provider() + " holds sender identities, which have no password;"
                    + " rotate-password needs a provider that hosts mailboxes ('azt3knet integrations list')");
        }
        PopulationRecord population = populations.find(target.population())
                .orElseThrow(() -> new UnknownPopulationException(target.population()));
        List<StoredCredential> current = new ArrayList<>();
        credentials.credentials(population.id(), c -> {
            if (agents.isEmpty() || agents.contains(c.ref().agentIndex())) current.add(c);
        });
        Set<Long> unknown = new TreeSet<>(agents);
        current.forEach(c -> unknown.remove(c.ref().agentIndex()));
        if (!unknown.isEmpty()) {
            throw new RejectedCommandException("--agent " + unknown + ": no such agent in population " + population.id()
                    + " (it has agents 0-" + (population.agents() - 1) + ")");
        }
        for (StoredCredential c : current) {
            CredentialRef next = new CredentialRef(c.ref().populationId(), c.ref().agentIndex(), c.ref().rotation() + 1);
            credentials.replace(new StoredCredential(next, c.email(), c.username(), cipher.seal(next, cipher.derivePassword(next))),
                    AuditEvent.ok(command.actor(), "credential.rotate", "agent:" + population.id() + "/" + next.agentIndex(),
                            Map.of("rotation", Integer.toString(next.rotation()), "key_id", cipher.keyId())));
        }
        return reconcile.apply(command);
    }
}

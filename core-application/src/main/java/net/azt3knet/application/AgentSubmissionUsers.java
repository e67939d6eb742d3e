package net.azt3knet.application;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.StoredCredential;
import net.azt3knet.ports.out.submission.SubmissionUser;
import net.azt3knet.ports.out.submission.SubmissionUsers;

/**
 * Stored agents as SMTP submitters: the user name is the agent's own address, the password its mailbox password or
 * its app password (both opened from the credential store, as an export opens them), compared in constant time. An
 * agent may send as its own address only.
 */
public final class AgentSubmissionUsers implements SubmissionUsers {

    // compared against when the address is unknown, so the comparison itself takes as long either way
    private static final Secret NOBODY = Secret.of("\0".repeat(20));

    private final CredentialStore credentials;
    private final Supplier<CredentialCipher> currentKey;

    public AgentSubmissionUsers(CredentialStore credentials, Supplier<CredentialCipher> currentKey) {
        this.credentials = credentials;
        this.currentKey = currentKey;
    }

    /** The agent's app password: what it logs in to IMAP and SMTP with, as this check and the responder's intake use it. */
    static Secret appPassword(CredentialCipher cipher, Secret mailboxPassword) {
        return cipher.deriveAppPassword(mailboxPassword);
    }

    /** The app password of a stored agent, opened from its sealed mailbox password. */
    static Secret appPassword(CredentialCipher cipher, StoredCredential stored) {
        return appPassword(cipher, cipher.open(stored.ref(), stored.sealed()));
    }

    @Override
    public Optional<SubmissionUser> authenticate(String address, String password) {
        if (address == null || password == null || address.indexOf('@') <= 0) return Optional.empty();
        Optional<StoredCredential> stored = credentials.mailboxOf(address);
        Secret presented = Secret.of(password);
        Secret mailbox = NOBODY;
        Secret app = NOBODY;
        if (stored.isPresent()) {
            try {
                CredentialCipher cipher = currentKey.get();
                mailbox = cipher.open(stored.get().ref(), stored.get().sealed());
                app = appPassword(cipher, mailbox);
            } catch (CredentialCryptoException e) {
                return Optional.empty(); // sealed under another key: no password of this agent can be checked
            }
        }
        boolean equal = mailbox.matches(presented) | app.matches(presented); // both, always: no early exit to time
        if (!equal || stored.isEmpty()) return Optional.empty();
        String own = stored.get().email();
        return Optional.of(new SubmissionUser(own, Set.of(own), Set.of()));
    }
}

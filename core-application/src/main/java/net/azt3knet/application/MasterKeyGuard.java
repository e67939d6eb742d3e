package net.azt3knet.application;

import java.util.List;
import net.azt3knet.ports.in.MasterKeyMismatchException;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.store.CredentialStore;

/**
 * The one check every write that seals or opens credentials makes first: the master key in use must be the key the
 * stored credentials are sealed under. Without it another key's write succeeds and leaves credentials that no single
 * key opens (an export fails under either). An empty database takes any key; changing keys is the job of the key
 * rotation, which re-encrypts every credential in one transaction and so never needs this check.
 */
final class MasterKeyGuard {

    private final CredentialStore credentials;

    MasterKeyGuard(CredentialStore credentials) {
        this.credentials = credentials;
    }

    /** @throws MasterKeyMismatchException when credentials are stored under another key than {@code active}'s */
    void check(CredentialCipher active) {
        List<String> stored = credentials.keyIds();
        if (stored.isEmpty() || stored.equals(List.of(active.keyId()))) return;
        throw new MasterKeyMismatchException(active.keyId(), stored);
    }
}

package net.azt3knet.application;

import java.util.Objects;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.ports.in.GenerateKeysUseCase;
import net.azt3knet.ports.out.crypto.CredentialCrypto;
import net.azt3knet.ports.out.crypto.RecipientKeys;

/** Keys from the crypto adapter's random source; the CLI prints or writes them, this stores nothing. */
public final class GenerateKeysService implements GenerateKeysUseCase {

    private final CredentialCrypto crypto;

    public GenerateKeysService(CredentialCrypto crypto) {
        this.crypto = Objects.requireNonNull(crypto);
    }

    @Override
    public MasterKey newMasterKey() {
        return crypto.newMasterKey();
    }

    @Override
    public RecipientKeys newRecipientKeys() {
        return crypto.newRecipientKeys();
    }
}

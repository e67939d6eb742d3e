package net.azt3knet.adapters.sodium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.UUID;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCrypto;
import net.azt3knet.testkit.contracts.CredentialCryptoContract;
import org.junit.jupiter.api.Test;

class SodiumCredentialCryptoTest implements CredentialCryptoContract {

    private final SodiumCredentialCrypto crypto = new SodiumCredentialCrypto();

    @Override
    public CredentialCrypto crypto() {
        return crypto;
    }

    /**
     * Recreate promises the same passwords from the same key on any machine and release: pinned values catch any
     * change to the derivation (a change needs a new derivation version, never an edit).
     */
    @Test
    void derivationIsPinned() {
        MasterKey key = MasterKey.of(Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        CredentialCipher c = crypto.cipher(key);
        UUID population = UUID.fromString("8d3c1f52-7a61-8b2e-9c44-0123456789ab");
        assertThat(c.keyId()).isEqualTo(PINNED_KEY_ID);
        assertThat(c.derivePassword(new CredentialRef(population, 0, 0)).reveal()).isEqualTo(PINNED_0);
        assertThat(c.derivePassword(new CredentialRef(population, 41, 2)).reveal()).isEqualTo(PINNED_41_2);
    }

    // Computed independently with Python's hashlib BLAKE2b from the derivation described in docs/security.md.
    private static final String PINNED_KEY_ID = "k-4b6086e6b9609267";
    private static final String PINNED_0 = "f=bpf4G.4Z8W-pTCeQEJ";
    private static final String PINNED_41_2 = "y#6WF+4#BbnS-.bgb7!3";
}

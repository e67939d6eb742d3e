package net.azt3knet.adapters.sodium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCrypto;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;
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

    /**
     * Stored mail must stay readable across releases: a box made outside libsodium (Python: BLAKE2b for the
     * {@code crypto_kdf} subkey 3 with context {@code azmail01}, HChaCha20 and ChaCha20-Poly1305 for XChaCha20-Poly1305
     * IETF, nonce bytes 100…123) opens to its text.
     */
    @Test
    void contentBoxFormatIsPinned() {
        CredentialCipher c = crypto.cipher(MasterKey.of(Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")));
        byte[] box = Base64.getDecoder().decode(PINNED_BOX);
        assertThat(new String(c.openContent("responder.mail", box), StandardCharsets.UTF_8)).isEqualTo("Subject: hola\r\n\r\nqué tal\r\n");
        assertThat(box[0]).as("format version").isEqualTo((byte) 1);
        assertThatThrownBy(() -> c.openContent("responder.reply", box)).isInstanceOf(CredentialCryptoException.class);
        byte[] future = box.clone();
        future[0] = 2;
        assertThatThrownBy(() -> c.openContent("responder.mail", future)).isInstanceOf(CredentialCryptoException.class)
                .hasMessageContaining("version 2");
    }

    private static final String PINNED_BOX = "AWRlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e/kQmEHUUGKSYnH+hZ5LHHNr/a2ngj/CwXZnP/EMY3fRhEZc4uRaYrjUtDM=";

    // Computed independently with Python's hashlib BLAKE2b from the derivation described in docs/security.md.
    private static final String PINNED_KEY_ID = "k-4b6086e6b9609267";
    private static final String PINNED_0 = "f=bpf4G.4Z8W-pTCeQEJ";
    private static final String PINNED_41_2 = "y#6WF+4#BbnS-.bgb7!3";
}

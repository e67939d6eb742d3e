package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCrypto;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;
import net.azt3knet.ports.out.crypto.RecipientKeys;
import org.junit.jupiter.api.Test;

/** What every {@link CredentialCrypto} must do, its ciphers' content sealing included. */
public interface CredentialCryptoContract extends ContentCipherContract {

    CredentialCrypto crypto();

    /** The master key is the SHA-256 of the name. */
    @Override
    default CredentialCipher contentCipher(String key) {
        try {
            return crypto().cipher(MasterKey.of(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    UUID POPULATION = UUID.fromString("8d3c1f52-7a61-8b2e-9c44-0123456789ab");

    @Test
    default void derivedPasswordsAreReproducibleAndDistinct() {
        MasterKey key = crypto().newMasterKey();
        CredentialCipher a = crypto().cipher(key);
        CredentialCipher b = crypto().cipher(MasterKey.of(key.bytes()));
        CredentialRef ref = new CredentialRef(POPULATION, 7, 0);
        assertThat(a.derivePassword(ref).reveal()).isEqualTo(b.derivePassword(ref).reveal());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) assertThat(seen.add(a.derivePassword(new CredentialRef(POPULATION, i, 0)).reveal())).isTrue();
        assertThat(a.derivePassword(new CredentialRef(POPULATION, 7, 1)).reveal()).isNotEqualTo(a.derivePassword(ref).reveal());
        Secret app = a.deriveAppPassword(a.derivePassword(ref));
        assertThat(app.reveal()).as("one-way from the mailbox password, whatever the key")
                .isEqualTo(crypto().cipher(crypto().newMasterKey()).deriveAppPassword(a.derivePassword(ref)).reveal())
                .isNotEqualTo(a.derivePassword(ref).reveal()).hasSize(a.derivePassword(ref).reveal().length())
                .isNotEqualTo(a.deriveAppPassword(a.derivePassword(new CredentialRef(POPULATION, 7, 1))).reveal());
        assertThat(a.derivePassword(new CredentialRef(UUID.randomUUID(), 7, 0)).reveal()).isNotEqualTo(a.derivePassword(ref).reveal());
        assertThat(crypto().cipher(crypto().newMasterKey()).derivePassword(ref).reveal()).isNotEqualTo(a.derivePassword(ref).reveal());
    }

    @Test
    default void derivedPasswordsMeetCommonProviderRules() {
        CredentialCipher c = crypto().cipher(crypto().newMasterKey());
        for (int i = 0; i < 500; i++) {
            String p = c.derivePassword(new CredentialRef(POPULATION, i, 0)).reveal();
            assertThat(p).hasSize(20).matches(".*[A-Z].*").matches(".*[a-z].*").matches(".*[0-9].*")
                    .matches(".*[^A-Za-z0-9].*").matches("[\\x21-\\x7e]+");
        }
    }

    @Test
    default void sealedCredentialsOpenOnlyWithTheirKeyAndRow() {
        MasterKey key = crypto().newMasterKey();
        CredentialCipher c = crypto().cipher(key);
        CredentialRef ref = new CredentialRef(POPULATION, 3, 0);
        Secret password = c.derivePassword(ref);
        SealedCredential sealed = c.seal(ref, password);
        assertThat(sealed.keyId()).isEqualTo(c.keyId());
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(password.reveal());
        assertThat(c.seal(ref, password).nonce()).isNotEqualTo(sealed.nonce());
        assertThat(crypto().cipher(MasterKey.of(key.bytes())).open(ref, sealed).reveal()).isEqualTo(password.reveal());

        CredentialCipher other = crypto().cipher(crypto().newMasterKey());
        assertThat(other.keyId()).isNotEqualTo(c.keyId());
        assertThatThrownBy(() -> other.open(ref, sealed)).isInstanceOf(CredentialCryptoException.class)
                .hasMessageContaining(c.keyId()).hasMessageNotContaining(password.reveal());
        assertThatThrownBy(() -> c.open(new CredentialRef(POPULATION, 4, 0), sealed)).isInstanceOf(CredentialCryptoException.class);
        byte[] altered = sealed.ciphertext();
        altered[0] ^= 1;
        assertThatThrownBy(() -> c.open(ref, new SealedCredential(sealed.keyId(), sealed.nonce(), altered)))
                .isInstanceOf(CredentialCryptoException.class);
    }

    @Test
    default void theKeyIdNamesTheKeyWithoutRevealingIt() {
        MasterKey key = crypto().newMasterKey();
        String id = crypto().cipher(key).keyId();
        assertThat(crypto().cipher(MasterKey.of(key.bytes())).keyId()).isEqualTo(id);
        assertThat(id).doesNotContain(key.encode()).hasSizeLessThan(40);
        assertThat(key.toString()).doesNotContain(key.encode());
    }

    @Test
    default void sealedBoxesOpenOnlyForTheirRecipient() {
        RecipientKeys alice = crypto().newRecipientKeys();
        RecipientKeys bob = crypto().newRecipientKeys();
        byte[] message = "email,password\na@x.example,pw\n".getBytes(StandardCharsets.UTF_8);
        byte[] box = crypto().sealFor(alice.publicKey(), message);
        assertThat(crypto().openSealed(alice, box)).isEqualTo(message);
        assertThat(crypto().recipientKeys(alice.secretKey())).isEqualTo(alice);
        assertThat(crypto().openSealed(crypto().recipientKeys(alice.secretKey()), box)).isEqualTo(message);
        assertThat(crypto().sealFor(alice.publicKey(), message)).isNotEqualTo(box);
        assertThatThrownBy(() -> crypto().openSealed(bob, box)).isInstanceOf(CredentialCryptoException.class);
        box[box.length - 1] ^= 1;
        assertThatThrownBy(() -> crypto().openSealed(alice, box)).isInstanceOf(CredentialCryptoException.class);
        assertThat(alice.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(alice.secretKey()));
    }
}

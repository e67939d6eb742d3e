package net.azt3knet.ports.out.crypto;

import net.azt3knet.domain.credential.MasterKey;

/** Driven port: the cryptography behind credentials: ciphers per master key, new keys, sealed boxes for export. */
public interface CredentialCrypto {

    /** The cipher for {@code key}. */
    CredentialCipher cipher(MasterKey key);

    /** A new random master key. */
    MasterKey newMasterKey();

    /** A new recipient key pair for credential export (X25519). */
    RecipientKeys newRecipientKeys();

    /**
     * The key pair of a recipient secret key (its public key is computed from it).
     *
     * @throws CredentialCryptoException when it is not 32 bytes
     */
    RecipientKeys recipientKeys(byte[] secretKey);

    /** Encrypts {@code plaintext} so that only the holder of the secret key of {@code recipientPublicKey} can read it. */
    byte[] sealFor(byte[] recipientPublicKey, byte[] plaintext);

    /**
     * Opens a box made by {@link #sealFor}.
     *
     * @throws CredentialCryptoException when the keys do not match or the box was altered
     */
    byte[] openSealed(RecipientKeys keys, byte[] box);
}

package net.azt3knet.ports.out.crypto;

import java.util.Arrays;

/**
 * An X25519 key pair that receives exported credentials.
 *
 * @param publicKey 32 bytes, shared with whoever exports
 * @param secretKey 32 bytes, kept by the recipient
 */
public record RecipientKeys(byte[] publicKey, byte[] secretKey) {

    /** Length of each key in bytes. */
    public static final int BYTES = 32;

    public RecipientKeys {
        if (publicKey == null || publicKey.length != BYTES) throw new CredentialCryptoException("a recipient public key has 32 bytes");
        if (secretKey == null || secretKey.length != BYTES) throw new CredentialCryptoException("a recipient secret key has 32 bytes");
        publicKey = publicKey.clone();
        secretKey = secretKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecipientKeys k && Arrays.equals(publicKey, k.publicKey) && Arrays.equals(secretKey, k.secretKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "RecipientKeys[secret=***]";
    }
}

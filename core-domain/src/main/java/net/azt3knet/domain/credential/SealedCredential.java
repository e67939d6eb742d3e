package net.azt3knet.domain.credential;

import java.util.Objects;

/**
 * A credential encrypted at rest: AEAD ciphertext with its random nonce and the id of the master key that sealed
 * it. Holds no plaintext, so printing it leaks nothing.
 *
 * @param keyId      id of the master key (not the key)
 * @param nonce      the random nonce
 * @param ciphertext ciphertext with its authentication tag
 */
public record SealedCredential(String keyId, byte[] nonce, byte[] ciphertext) {

    public SealedCredential {
        Objects.requireNonNull(keyId, "keyId");
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedCredential s && keyId.equals(s.keyId) && java.util.Arrays.equals(nonce, s.nonce)
                && java.util.Arrays.equals(ciphertext, s.ciphertext);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + java.util.Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "SealedCredential[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}

package net.azt3knet.ports.out.crypto;

/** A credential could not be encrypted or decrypted (wrong key, altered data); never carries key material. */
public final class CredentialCryptoException extends RuntimeException {

    public CredentialCryptoException(String message) {
        super(message);
    }
}

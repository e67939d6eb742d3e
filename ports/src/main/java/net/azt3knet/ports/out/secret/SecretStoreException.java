package net.azt3knet.ports.out.secret;

/** A secret store could not be read or written; the message names the store and the fix, never a secret. */
public class SecretStoreException extends RuntimeException {

    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

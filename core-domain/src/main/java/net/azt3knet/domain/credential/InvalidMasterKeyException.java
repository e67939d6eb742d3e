package net.azt3knet.domain.credential;

/** The master key is missing, malformed or of the wrong length; the message says how to fix it. */
public final class InvalidMasterKeyException extends IllegalArgumentException {

    public InvalidMasterKeyException(String message) {
        super(message);
    }
}

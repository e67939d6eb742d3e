package net.azt3knet.ports.in;

/** A use case refuses a command as given (not a failure of the system); the message says how to fix the command. */
public class RejectedCommandException extends RuntimeException {

    public RejectedCommandException(String message) {
        super(message);
    }
}

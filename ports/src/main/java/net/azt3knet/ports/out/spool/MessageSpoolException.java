package net.azt3knet.ports.out.spool;

/** The spool could not do what was asked (the database is down, the spool is over its budget, …). */
public class MessageSpoolException extends RuntimeException {

    public MessageSpoolException(String message) {
        super(message);
    }

    public MessageSpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}

package net.azt3knet.ports.out.spool;

/**
 * Driven port: addresses that bounced hard (the provider said the mailbox does not exist). Later messages to them are
 * refused at RCPT ({@code 550 5.1.1}) instead of being accepted and bounced again.
 */
public interface SuppressedRecipients {

    /** True when {@code address} (compared without case) is suppressed. */
    boolean suppressed(String address);

    /** Puts {@code address} on the list with why; adding it again keeps one entry. */
    void suppress(String address, String reason);

    /** No list: nothing is ever suppressed. */
    SuppressedRecipients NONE = new SuppressedRecipients() {
        @Override
        public boolean suppressed(String address) {
            return false;
        }

        @Override
        public void suppress(String address, String reason) {
        }
    };
}

package net.azt3knet.ports.out.mailbox;

/** Driven port: what one mail provider offers, and whether it answers with the configured credentials. */
public interface ProviderHealth {

    /** What this provider gives an agent, and its name. */
    ProviderCapabilities capabilities();

    /**
     * Checks the credentials and that the provider answers, with one cheap read.
     *
     * @throws MailboxProvisioningException naming what is wrong (unreachable, refused credentials, missing permission)
     */
    void check();
}

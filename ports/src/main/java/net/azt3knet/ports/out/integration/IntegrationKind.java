package net.azt3knet.ports.out.integration;

import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.secret.SecretStore;
import net.azt3knet.ports.out.text.TextGeneration;

/** What an external system is for; every integration of a kind implements that kind's port. */
public enum IntegrationKind {
    MAIL_PROVIDER("mail provider", MailboxProvisioning.class),
    DNS_PROVIDER("DNS provider", DnsRecords.class),
    SECRET_STORE("secret store", SecretStore.class),
    MODEL_SERVER("model server", TextGeneration.class);

    private final String label;
    private final Class<?> port;

    IntegrationKind(String label, Class<?> port) {
        this.label = label;
        this.port = port;
    }

    /** How people call it, for messages: {@code mail provider}. */
    public String label() {
        return label;
    }

    /** The driven port an integration of this kind implements. */
    public Class<?> port() {
        return port;
    }
}

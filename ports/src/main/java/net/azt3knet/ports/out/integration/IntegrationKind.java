package net.azt3knet.ports.out.integration;

import java.util.List;
import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.email.EmailDelivery;
import net.azt3knet.ports.out.mail.MailIntake;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import net.azt3knet.ports.out.mailbox.ProviderHealth;
import net.azt3knet.ports.out.secret.SecretStore;
import net.azt3knet.ports.out.text.TextGeneration;

/** What an external system is for; every integration of a kind implements that kind's ports, with one object. */
public enum IntegrationKind {
    MAIL_PROVIDER("mail provider", ProviderHealth.class, MailboxProvisioning.class, ProviderDnsNeeds.class),
    DNS_PROVIDER("DNS provider", DnsRecords.class),
    SECRET_STORE("secret store", SecretStore.class),
    MODEL_SERVER("model server", TextGeneration.class),
    /** Sends the SMTP gateway's spooled mail (an HTTP email API). */
    MAIL_DELIVERY("mail delivery", EmailDelivery.class),
    /** Reads the agents' mailboxes on a mail server for the AI responder (IMAP). */
    MAIL_INTAKE("mail intake", MailIntake.class);

    private final String label;
    private final List<Class<?>> ports;

    IntegrationKind(String label, Class<?>... ports) {
        this.label = label;
        this.ports = List.of(ports);
    }

    /** How people call it, for messages: {@code mail provider}. */
    public String label() {
        return label;
    }

    /** The driven port its health is checked through: the first of {@link #ports()}. */
    public Class<?> port() {
        return ports.get(0);
    }

    /** Every driven port an integration of this kind implements. */
    public List<Class<?>> ports() {
        return ports;
    }
}

package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import net.azt3knet.ports.out.email.EmailDelivery;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.application.AgentSubmissionUsers;
import net.azt3knet.application.LocalMailboxRecipients;
import net.azt3knet.ports.in.DeliverLocalMailUseCase;
import net.azt3knet.ports.out.mailbox.MailboxDirectory;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.application.ManageGatewayUsersService;
import net.azt3knet.application.SealedMessageSpool;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.in.ManageGatewayUsersUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.submission.LocalRecipients;
import net.azt3knet.ports.out.submission.SubmissionUsers;

/**
 * The SMTP gateway over the database's spool, and its users. The settings are read when the gateway is first asked
 * for ({@code serve}, {@code smtp serve}); {@code AppConfig.validate} has checked them by then.
 */
public final class SmtpModule extends AbstractModule {

    private final AppConfig config;

    public SmtpModule(AppConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    ManageGatewayUsersService gatewayUsers(PostgresPersistence postgres, AuditTrail audit, Clock clock) {
        return new ManageGatewayUsersService(postgres.gatewayUsers(), audit, new SecureRandom(), clock);
    }

    @Provides
    ManageGatewayUsersUseCase manageGatewayUsers(ManageGatewayUsersService service) {
        return service;
    }

    /**
     * The spool every flow shares (the gateway, its relay, the queue commands and endpoints, the responder's replies):
     * its content sealed under the current master key, which is read when a message is first sealed or opened.
     */
    @Provides
    @Singleton
    MessageSpool spool(PostgresPersistence postgres, Supplier<CredentialCipher> currentKey, Clock clock) {
        return new SealedMessageSpool(postgres.messageSpool(), currentKey, clock);
    }

    @Provides
    @Singleton
    SmtpGateway gateway(PostgresPersistence postgres, MessageSpool spool, ManageGatewayUsersService gatewayUsers, CredentialStore credentials,
                        Supplier<CredentialCipher> currentKey, Integrations registry, IntegrationContext context,
                        DeliverLocalMailUseCase localMail, Clock clock) {
        AgentSubmissionUsers agents = new AgentSubmissionUsers(credentials, currentKey);
        // An agent logs in with its address; a gateway user's name never holds an '@'.
        SubmissionUsers users = (name, password) -> name != null && name.contains("@")
                ? agents.authenticate(name, password) : gatewayUsers.authenticate(name, password);
        return new SmtpGateway(config.smtpGateway(), spool, currentKey, users, local(registry, context, localMail),
                postgres.suppressedRecipients(), config.smtpSpoolBudget(), config.smtpRelay(), () -> deliveries(registry, context), () -> deliveryNames(registry),
                config.smtpHostName(), clock);
    }

    /** The names of the enabled mail delivery integrations, in the registry's order, without building them. */
    static java.util.List<String> deliveryNames(Integrations registry) {
        return registry.all().stream().filter(f -> f.kind() == IntegrationKind.MAIL_DELIVERY && registry.enabled(f))
                .map(IntegrationFactory::name).toList();
    }

    /**
     * The agents with a mailbox on the embedded provider (the mail provider that needs no settings and keeps its
     * mailboxes here: a {@link MailboxDirectory}), whose mail the gateway keeps; none while that provider is off
     * ({@code FEATURES__LOCAL_ENABLED=false}): then every unauthenticated recipient is refused (never an open relay).
     */
    static LocalRecipients local(Integrations registry, IntegrationContext context, DeliverLocalMailUseCase mail) {
        for (IntegrationFactory f : registry.all()) {
            if (f.kind() == IntegrationKind.MAIL_PROVIDER && f.fallback() && registry.enabled(f)
                    && registry.port(f, MailboxProvisioning.class, context) instanceof MailboxDirectory directory) {
                return new LocalMailboxRecipients(directory, mail);
            }
        }
        return LocalRecipients.NONE;
    }

    /** The enabled mail delivery integrations by name, in the registry's order (the router's order of preference). */
    static Map<String, EmailDelivery> deliveries(Integrations registry, IntegrationContext context) {
        Map<String, EmailDelivery> enabled = new LinkedHashMap<>();
        for (IntegrationFactory f : registry.all()) {
            if (f.kind() == IntegrationKind.MAIL_DELIVERY && registry.enabled(f)) {
                enabled.put(f.name(), registry.port(f, EmailDelivery.class, context));
            }
        }
        return enabled;
    }
}

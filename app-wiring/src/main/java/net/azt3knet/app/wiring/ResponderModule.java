package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import net.azt3knet.adapters.mail.AngusMessageCodec;
import net.azt3knet.adapters.mail.PebbleReplyTemplates;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.application.ErasePersonalDataService;
import net.azt3knet.application.ManageResponderService;
import net.azt3knet.application.ResponderIntakeService;
import net.azt3knet.application.ResponderService;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import net.azt3knet.ports.in.ManageResponderUseCase;
import net.azt3knet.ports.in.ResponderIntakeUseCase;
import net.azt3knet.ports.in.RunResponderUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.integration.IntegrationConfigurationException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.mail.MailIntake;
import net.azt3knet.ports.out.mailbox.ProviderHealth;
import net.azt3knet.ports.out.mail.MessageCodec;
import net.azt3knet.ports.out.mail.ReplyTemplates;
import net.azt3knet.ports.out.responder.MailErasure;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.responder.ReplyStore;
import net.azt3knet.ports.out.responder.ResponderObserver;
import net.azt3knet.ports.out.responder.ResponderRoster;
import net.azt3knet.ports.out.responder.UidCheckpoints;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PeriodicTasks;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.text.TextGeneration;

/**
 * The AI responder's bindings: intake, queue, workers, drafts and privacy. Its use cases are optional: they exist
 * once the database holds the responder's tables ({@link Stores}); the admin API serves their endpoints and
 * {@code serve} starts the workers only then. The responder's settings are read when the workers are first asked for
 * ({@code serve} with {@code AZT3KNET_RESPONDER=on}, which has checked them), so other commands need no model server.
 */
public final class ResponderModule extends AbstractModule {

    /** Who the operator's changes are audited as: the use case takes one actor for every caller. */
    static final String ACTOR = "operator";

    private final AppConfig config;

    public ResponderModule(AppConfig config) {
        this.config = config;
    }

    /** The responder's driven ports in the database. */
    record Stores(ReplyQueue queue, ReplyStore replies, ResponderRoster roster, UidCheckpoints checkpoints, MailErasure erasure) {
    }

    /** The responder's stores in PostgreSQL (optional so that a persistence without them leaves the responder out). */
    @Provides
    @Singleton
    Optional<Stores> stores(PostgresPersistence postgres) {
        return Optional.of(new Stores(postgres.replyQueue(), postgres.replyStore(), postgres.responderRoster(),
                postgres.uidCheckpoints(), postgres.mailErasure()));
    }

    @Provides
    @Singleton
    Optional<ReplyQueue> queue(Optional<Stores> stores) {
        return stores.map(Stores::queue);
    }

    /** The queue {@code /readyz} checks: only while the responder runs in this process. */
    @Provides
    @Singleton
    Checked checked(Optional<ReplyQueue> queue) {
        return new Checked(config.responderOn() ? queue : Optional.empty());
    }

    /** The responder's queue as the readiness check sees it. */
    record Checked(Optional<ReplyQueue> queue) {
    }

    @Provides
    @Singleton
    MessageCodec codec() {
        return new AngusMessageCodec();
    }

    @Provides
    @Singleton
    ReplyTemplates templates() {
        return new PebbleReplyTemplates(config.responderTemplates());
    }

    /** One forwarder for the process: the workers report to it, {@code serve}'s metrics subscribe to it. */
    @Provides
    @Singleton
    ResponderEvents events() {
        return new ResponderEvents();
    }

    @Provides
    ResponderObserver observer(ResponderEvents events) {
        return events;
    }

    @Provides
    @Singleton
    Optional<ManageResponderUseCase> manage(Optional<Stores> stores, MessageSpool spool, PopulationStore populations,
                                            MessageCodec codec, Supplier<CredentialCipher> cipher, AuditTrail audit, Clock clock) {
        return stores.map(s -> new ManageResponderService(s.roster(), s.queue(), s.replies(), populations, spool,
                codec, cipher, audit, clock, config.defaultReplyPolicy(), ACTOR));
    }

    @Provides
    @Singleton
    Optional<ErasePersonalDataUseCase> erase(Optional<Stores> stores, InboundMailbox ownAgents, AuditTrail audit, Clock clock) {
        return stores.map(s -> new ErasePersonalDataService(s.erasure(), ownAgents, audit, clock));
    }

    /** What the CLI's responder commands run. */
    @Provides
    ManageResponderUseCase manageOrRefuse(Optional<ManageResponderUseCase> manage) {
        return manage.orElseThrow(ResponderModule::absent);
    }

    /** What {@code gdpr delete} runs. */
    @Provides
    ErasePersonalDataUseCase eraseOrRefuse(Optional<ErasePersonalDataUseCase> erase) {
        return erase.orElseThrow(ResponderModule::absent);
    }

    private static ConfigurationException absent() {
        return new ConfigurationException(java.util.List.of("the database of this build stores no responder data"));
    }

    /** Where the gateway's local mail and the Mailjet webhook hand received mail: only while the responder is on. */
    @Provides
    @Singleton
    Optional<ResponderIntakeUseCase> intake(Optional<Stores> stores, MessageCodec codec, Supplier<CredentialCipher> cipher, Clock clock) {
        if (!config.responderOn()) return Optional.empty();
        return stores.map(s -> new ResponderIntakeService(s.roster(), s.queue(), codec, cipher, clock));
    }

    /** The workers, built when {@code serve} starts them (not a singleton: Stage.PRODUCTION would build it for every command). */
    @Provides
    Optional<RunResponderUseCase> run(Optional<Stores> stores, PostgresPersistence postgres, MessageSpool spool, MessageCodec codec, ReplyTemplates templates,
                                      Supplier<TextGeneration> model, PopulationStore populations, CredentialStore credentials,
                                      Supplier<CredentialCipher> cipher, AuditTrail audit, ResponderObserver observer, Clock clock,
                                      MailboxLedger ledger, PeriodicTasks periodic, Optional<ErasePersonalDataUseCase> erase,
                                      Optional<ResponderIntakeUseCase> offers, Integrations registry, IntegrationContext context,
                                      InboundMailbox ownAgents) {
        if (stores.isEmpty() || erase.isEmpty() || offers.isEmpty()) return Optional.empty();
        Stores s = stores.get();
        ResponderService.Settings d = ResponderService.Settings.defaults(config.responderModel());
        ResponderService.Settings settings = new ResponderService.Settings(config.responderWorkers(), d.lease(), d.idle(), d.model(),
                d.temperature(), d.maxTokens(), d.maxAttempts(), d.backoff(), d.maxBackoff(), config.defaultReplyPolicy(), d.closeWait());
        ResponderService.Background background = new ResponderService.Background(mailIntake(registry, context),
                mailboxProvider(registry, context),
                s.checkpoints(), ledger, periodic, erase.get(), offers.get(), config.mailRetentionDays());
        return Optional.of(new ResponderService(s.queue(), s.replies(), s.roster(), codec, templates, model.get(), spool,
                populations, credentials, ownAgents, cipher, audit, observer, clock, settings, Optional.of(background)));
    }

    /**
     * The provider whose mailboxes the IMAP intake reads, as the mailbox ledger names it: the first enabled mail
     * provider (in the registry's order) that hosts mailboxes with passwords and is not the embedded fallback, whose
     * mailboxes the gateway fills directly; empty when there is none (the intake then has no mailbox to read).
     */
    static String mailboxProvider(Integrations registry, IntegrationContext context) {
        for (IntegrationFactory f : registry.all()) {
            if (f.kind() != IntegrationKind.MAIL_PROVIDER || f.fallback() || !registry.enabled(f)) continue;
            try {
                if (registry.port(f, ProviderHealth.class, context).capabilities().hostsMailboxes()) return f.name();
            } catch (IntegrationConfigurationException e) {
                throw new ConfigurationException(e.problems());
            }
        }
        return "";
    }

    /** The enabled mail intake integration (IMAP), if any. */
    static Optional<MailIntake> mailIntake(Integrations registry, IntegrationContext context) {
        for (IntegrationFactory f : registry.all()) {
            if (f.kind() == IntegrationKind.MAIL_INTAKE && registry.enabled(f)) {
                try {
                    return Optional.of(registry.port(f, MailIntake.class, context));
                } catch (IntegrationConfigurationException e) {
                    throw new ConfigurationException(e.problems());
                }
            }
        }
        return Optional.empty();
    }
}

package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.application.DeliverLocalMailService;
import net.azt3knet.application.ManageApiTokensService;
import net.azt3knet.application.ManageMailQueueService;
import net.azt3knet.application.ReceiveInboundMailService;
import net.azt3knet.application.SealedInboundMailbox;
import net.azt3knet.ports.in.DeliverLocalMailUseCase;
import net.azt3knet.ports.in.ManageApiTokensUseCase;
import net.azt3knet.ports.in.ManageMailQueueUseCase;
import net.azt3knet.ports.in.ReadAgentMailUseCase;
import net.azt3knet.ports.in.ReceiveInboundMailUseCase;
import net.azt3knet.ports.in.ResponderIntakeUseCase;
import net.azt3knet.ports.in.SealAgentMailUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.integration.IntegrationContext;

/** What the admin HTTP API adds: its tokens, the inbound-mail webhook's store, the mail queue, and readiness of every integration. */
public final class ApiModule extends AbstractModule {

    @Provides
    @Singleton
    ManageApiTokensUseCase tokens(PostgresPersistence postgres, AuditTrail audit, Clock clock) {
        return new ManageApiTokensService(postgres.apiTokens(), audit, new SecureRandom(), clock);
    }

    /** The agents' mailbox store, sealed with the master key (asked for only when mail is stored or read). */
    @Provides
    @Singleton
    SealedInboundMailbox sealedMailbox(PostgresPersistence postgres, Supplier<CredentialCipher> currentKey) {
        return new SealedInboundMailbox(postgres.inboundMessages(), currentKey);
    }

    @Provides
    InboundMailbox mailbox(SealedInboundMailbox mailbox) {
        return mailbox;
    }

    /** What {@code serve} runs at start: the mail earlier releases kept in the clear is sealed. */
    @Provides
    SealAgentMailUseCase sealMail(SealedInboundMailbox mailbox) {
        return mailbox;
    }

    @Provides
    @Singleton
    ReceiveInboundMailUseCase inbound(InboundMailbox mailbox, AuditTrail audit, Clock clock,
                                      Optional<ResponderIntakeUseCase> responder) {
        return new ReceiveInboundMailService(mailbox, audit, clock, responder);
    }

    /** What the SMTP gateway calls for mail to the agents' own addresses, and what reads the agents' mail back. */
    @Provides
    @Singleton
    DeliverLocalMailService agentMail(InboundMailbox mailbox, ReceiveInboundMailUseCase inbound) {
        return new DeliverLocalMailService(mailbox, inbound);
    }

    @Provides
    DeliverLocalMailUseCase localMail(DeliverLocalMailService service) {
        return service;
    }

    @Provides
    ReadAgentMailUseCase readMail(DeliverLocalMailService service) {
        return service;
    }

    @Provides
    @Singleton
    ManageMailQueueUseCase mailQueue(MessageSpool spool, AuditTrail audit, Clock clock) {
        return new ManageMailQueueService(spool, audit, clock);
    }

    @Provides
    @Singleton
    Readiness readiness(Integrations registry, IntegrationContext context, PostgresPersistence postgres, SmtpGateway gateway,
                        ResponderModule.Checked responder, Clock clock) {
        return Readiness.of(registry, context, postgres, gateway, responder.queue(), clock, Duration.ofSeconds(2));
    }

    @ProvidesIntoSet
    AutoCloseable closeReadiness(Readiness readiness) {
        return readiness;
    }
}

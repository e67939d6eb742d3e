package net.azt3knet.app.http;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.azt3knet.app.wiring.IntegrationHealth;
import net.azt3knet.app.wiring.Readiness;
import net.azt3knet.app.wiring.ResponderEvents;
import net.azt3knet.ports.in.BrowsePopulationsUseCase;
import net.azt3knet.ports.in.DeletePopulationUseCase;
import net.azt3knet.ports.in.EnrichPopulationUseCase;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.InspectAuditTrailUseCase;
import net.azt3knet.ports.in.InspectMailProvidersUseCase;
import net.azt3knet.ports.in.ManageApiTokensUseCase;
import net.azt3knet.ports.in.ManageCredentialsUseCase;
import net.azt3knet.ports.in.ManageDnsUseCase;
import net.azt3knet.ports.in.ManageMailQueueUseCase;
import net.azt3knet.ports.in.ManageResponderUseCase;
import net.azt3knet.ports.in.PopulateUseCase;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.in.ReadAgentMailUseCase;
import net.azt3knet.ports.in.ReceiveInboundMailUseCase;
import net.azt3knet.ports.in.RecreatePopulationUseCase;
import net.azt3knet.ports.in.ReportStoredRealismUseCase;
import net.azt3knet.ports.in.SealAgentMailUseCase;
import net.azt3knet.ports.in.VerifyMailboxesUseCase;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.PeriodicTasks;

/**
 * Everything the admin API runs, built by the injector: {@code serve} asks it for this one object and hands it to
 * {@link AdminApi#start}, which gives each endpoint class the use cases it needs, so no class of the API sees the
 * injector (and hands the job runner and the metrics the queues they read). The use cases that read the master key or the DNS settings when they are built come as suppliers built
 * per call, as before: a {@code serve} that only previews needs neither. The responder's are optional: a build
 * without its implementations serves no responder endpoints.
 */
public final class ApiUseCases {

    final GeneratePopulationUseCase generate;
    final Supplier<EnrichPopulationUseCase> enrich;
    final Supplier<PopulateUseCase> populate;
    final BrowsePopulationsUseCase browse;
    final ReportStoredRealismUseCase report;
    final DeletePopulationUseCase delete;
    final ManageCredentialsUseCase credentials;
    final Supplier<ProvisionMailboxesUseCase> mailboxes;
    final Supplier<VerifyMailboxesUseCase> verify;
    final Supplier<RecreatePopulationUseCase> recreate;
    final Supplier<ManageDnsUseCase> dns;
    final InspectMailProvidersUseCase providers;
    final InspectAuditTrailUseCase audit;
    final ReceiveInboundMailUseCase inbound;
    final ManageApiTokensUseCase tokens;
    final ManageMailQueueUseCase mailQueue;
    final ReadAgentMailUseCase agentMail;
    final SealAgentMailUseCase sealMail;
    final Optional<ManageResponderUseCase> responder;
    final Optional<ErasePersonalDataUseCase> privacy;
    /** The responder queue's depth by state, for the metrics (read by the queue itself: no use-case decision). */
    final Optional<Supplier<Map<ReplyQueue.State, Long>>> replyQueue;
    final ResponderEvents responderEvents;
    final IntegrationHealth integrations;
    final Readiness readiness;
    final JobQueue queue;
    final PeriodicTasks tasks;
    final Clock clock;

    @Inject
    ApiUseCases(GeneratePopulationUseCase generate, Provider<EnrichPopulationUseCase> enrich, Provider<PopulateUseCase> populate,
                BrowsePopulationsUseCase browse, ReportStoredRealismUseCase report, DeletePopulationUseCase delete,
                ManageCredentialsUseCase credentials, Provider<ProvisionMailboxesUseCase> mailboxes,
                Provider<VerifyMailboxesUseCase> verify, Provider<RecreatePopulationUseCase> recreate, Provider<ManageDnsUseCase> dns,
                InspectMailProvidersUseCase providers, InspectAuditTrailUseCase audit, ReceiveInboundMailUseCase inbound,
                ManageApiTokensUseCase tokens, ManageMailQueueUseCase mailQueue, ReadAgentMailUseCase agentMail,
                SealAgentMailUseCase sealMail, Optional<ManageResponderUseCase> responder, Optional<ErasePersonalDataUseCase> privacy, Optional<ReplyQueue> replyQueue,
                ResponderEvents responderEvents,
                IntegrationHealth integrations, Readiness readiness, JobQueue queue,
                PeriodicTasks tasks, Clock clock) {
        this.generate = generate;
        this.enrich = enrich::get;
        this.populate = populate::get;
        this.browse = browse;
        this.report = report;
        this.delete = delete;
        this.credentials = credentials;
        this.mailboxes = mailboxes::get;
        this.verify = verify::get;
        this.recreate = recreate::get;
        this.dns = dns::get;
        this.providers = providers;
        this.audit = audit;
        this.inbound = inbound;
        this.tokens = tokens;
        this.mailQueue = mailQueue;
        this.agentMail = agentMail;
        this.sealMail = sealMail;
        this.responder = responder;
        this.privacy = privacy;
        this.replyQueue = replyQueue.map(q -> q::counts);
        this.responderEvents = responderEvents;
        this.integrations = integrations;
        this.readiness = readiness;
        this.queue = queue;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** The API's tokens, for {@code serve}'s hint when none exists yet. */
    public ManageApiTokensUseCase tokens() {
        return tokens;
    }
}

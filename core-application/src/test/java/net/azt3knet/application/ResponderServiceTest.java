package net.azt3knet.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.ReplyCounts;
import net.azt3knet.domain.responder.ReplyMode;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import net.azt3knet.ports.in.ManageResponderUseCase;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.ResponderIntakeUseCase.Intake;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.mail.MailIntake;
import net.azt3knet.ports.out.responder.UidCheckpoints;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.responder.ReplyStore;
import net.azt3knet.ports.out.spool.SpoolQuery;
import net.azt3knet.ports.out.text.TextGenerationException;
import net.azt3knet.testkit.fakes.FixedReplyTemplates;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryMailErasure;
import net.azt3knet.testkit.fakes.InMemoryMailboxLedger;
import net.azt3knet.testkit.fakes.InMemoryUidCheckpoints;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import net.azt3knet.testkit.fakes.InMemoryReplyQueue;
import net.azt3knet.testkit.fakes.InMemoryReplyStore;
import net.azt3knet.testkit.fakes.InMemoryResponderRoster;
import net.azt3knet.testkit.fakes.PlainMessageCodec;
import net.azt3knet.testkit.fakes.ScriptedTextGeneration;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import net.azt3knet.testkit.fixtures.SettableClock;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** The responder end to end in memory: intake, workers, operator controls and erasure over the real domain rules. */
class ResponderServiceTest {

    private static final String SENDER = "Pat Doe <pat@outside.example>";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final InMemoryPopulationStore store = new InMemoryPopulationStore(audit);
    private final TransparentCredentialCipher cipher = new TransparentCredentialCipher();
    private final PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(3, "responder");
    private final List<String> agents = new ArrayList<>();
    private final InMemoryReplyQueue queue = new InMemoryReplyQueue(clock);
    private final InMemoryReplyStore replies = new InMemoryReplyStore();
    private final InMemoryResponderRoster roster;
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(clock);
    private final PlainMessageCodec codec = new PlainMessageCodec();
    private final AtomicInteger modelCalls = new AtomicInteger();
    private final AtomicBoolean modelDown = new AtomicBoolean();
    private final ScriptedTextGeneration model = new ScriptedTextGeneration(p -> {
        modelCalls.incrementAndGet();
        if (modelDown.get()) throw new TextGenerationException(TextGenerationException.Reason.SERVER_ERROR, "the model is down");
        return "Thanks for your note, I will look at the garden plans this week.";
    });
    private final InboundMailbox own;
    private final ResponderIntakeService intake;
    private final ManageResponderService manage;
    private final String agent;

    ResponderServiceTest() {
        new PersistPopulationService(new GeneratePopulationService(PopulationGenerator.create()), store, store, cipher, clock, null)
                .persist(new PersistPopulationCommand(spec, 1, "test", null));
        store.agents(spec.populationId(), 0, Long.MAX_VALUE, false, a -> agents.add(a.email()));
        agent = agents.get(0);
        roster = new InMemoryResponderRoster(p -> List.copyOf(agents));
        own = new OwnAgents();
        intake = new ResponderIntakeService(roster, queue, codec, () -> cipher, clock);
        manage = new ManageResponderService(roster, queue, replies, store, spool, codec, () -> cipher, audit, clock,
                ReplyPolicy.DEFAULT, "operator");
        manage.enable(spec.populationId(), List.of(agent));
    }

    private final class OwnAgents implements InboundMailbox {
        @Override
        public Delivery deliver(InboundMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean knows(String address) {
            return store.mailboxOf(address).isPresent();
        }

        @Override
        public List<InboundMessage> messages(String recipient, int limit) {
            return List.of();
        }
    }

    private ResponderService responder(ReplyStore replyStore, int maxAttempts) {
        ResponderService.Settings s = ResponderService.Settings.defaults("test-model");
        s = new ResponderService.Settings(1, Duration.ofMinutes(5), Duration.ofMillis(10), s.model(), 0.2, 400, maxAttempts,
                Duration.ofSeconds(30), Duration.ofMinutes(10), ReplyPolicy.DEFAULT, Duration.ofSeconds(5));
        return new ResponderService(queue, replyStore, roster, codec, new FixedReplyTemplates(), model, spool, store, store,
                own, () -> cipher, audit, net.azt3knet.ports.out.responder.ResponderObserver.NONE, clock, s);
    }

    private ResponderService responder() {
        return responder(replies, 3);
    }

    private byte[] mail(String id, String extraHeaders) {
        return ("Message-ID: <" + id + ">\r\nReturn-Path: <pat@outside.example>\r\nFrom: " + SENDER + "\r\nTo: <" + agent
                + ">\r\nSubject: Garden plans\r\nReferences: <root@outside.example>\r\nIn-Reply-To: <root@outside.example>\r\n"
                + extraHeaders + "\r\nHello, could you look at the plans for the community garden?\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void policy(ReplyMode mode) {
        ReplyPolicy d = ReplyPolicy.DEFAULT;
        manage.setPolicy(spec.populationId(), new ReplyPolicy(mode, d.allowedSenders(), d.blockedSenders(), d.agentToAgent(),
                d.threadCap(), d.maxAttachmentBytes(), d.senderPerHour(), d.perHour(), d.oncePer(), d.dailyTokens(),
                d.spamThreshold()));
    }

    @Test
    void aCleanMailInReviewModeBecomesAThreadedDraftAndIsSentOnlyWhenApproved() {
        assertEquals(Intake.QUEUED, intake.offer(agent, "smtp", mail("m1@outside.example", "")));
        assertEquals(1, responder().runOnce(10));

        List<ReplyStore.Reply> all = replies.list(new ReplyStore.Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 10));
        assertEquals(1, all.size());
        ReplyStore.Reply r = all.get(0);
        assertEquals(ReplyStore.State.DRAFT, r.state());
        assertEquals(0, spool.count(SpoolQuery.in(Optional.empty())));
        IncomingMail written = codec.read("smtp", cipher.openContent("responder.reply", r.content()));
        assertEquals(List.of("pat@outside.example"), written.to());
        assertEquals("Re: Garden plans", written.subject());
        assertEquals(Optional.of("m1@outside.example"), written.inReplyTo());
        assertEquals(List.of("root@outside.example", "m1@outside.example"), written.references());
        assertTrue(written.messageId().endsWith("@" + agent.substring(agent.indexOf('@') + 1)), written.messageId());
        assertEquals(agent, written.from());
        assertEquals(ResponderIntakeService.senderHash("pat@outside.example"), r.recipientHash());
        assertEquals(Optional.of("answer"), queue.find(r.mailId()).orElseThrow().outcome());

        ManageResponderUseCase.Draft shown = manage.draft(r.id()).orElseThrow();
        assertEquals("pat@outside.example", shown.to());
        assertTrue(shown.text().contains("garden plans"), shown.text());

        ManageResponderUseCase.Draft sent = manage.approve(r.id());
        assertEquals("sent", sent.state());
        assertEquals(1, spool.count(SpoolQuery.in(Optional.empty())));
        assertThrows(RejectedCommandException.class, () -> manage.approve(r.id()));
        assertEquals(1, spool.count(SpoolQuery.in(Optional.empty())));
        assertFalse(audit.list(AuditQuery.all()).stream().anyMatch(e -> e.event().toString().contains("pat@outside.example")));
    }

    @Test
    void autoModeSpoolsOnceAndADuplicateOfferGivesNoSecondReply() {
        policy(ReplyMode.AUTO);
        assertEquals(Intake.QUEUED, intake.offer(agent, "smtp", mail("m2@outside.example", "")));
        assertEquals(Intake.DUPLICATE, intake.offer(agent, "imap", mail("m2@outside.example", "")));
        ResponderService r = responder();
        assertEquals(1, r.runOnce(10));
        assertEquals(0, r.runOnce(10));
        assertEquals(1, spool.count(SpoolQuery.in(Optional.empty())));
        ReplyStore.Reply reply = replies.list(new ReplyStore.Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 10)).get(0);
        assertEquals(ReplyStore.State.SENT, reply.state());
        assertTrue(reply.queueId().isPresent());
        assertEquals(1, modelCalls.get());
        assertTrue(reply.tokens() > 0);
    }

    @Test
    void hostileMailIsDecidedWithItsReasonAndNoModelCall() {
        intake.offer(agent, "smtp", mail("m3@outside.example", "Auto-Submitted: auto-replied\r\n"));
        intake.offer(agent, "smtp", mail("m4@outside.example", "List-Id: <garden.lists.example>\r\n"));
        responder().runOnce(10);
        assertEquals(0, modelCalls.get());
        List<ReplyQueue.Entry> done = queue.list(new ReplyQueue.Filter(Optional.of(ReplyQueue.State.COMPLETED),
                Optional.empty(), Optional.empty(), Optional.empty(), 10));
        assertEquals(List.of("mailing-list", "auto-submitted"), done.stream().map(e -> e.outcome().orElseThrow()).toList());
        assertEquals(2, audit.list(AuditQuery.all()).stream().filter(e -> e.event().action().equals("responder.skip")).count());
        assertEquals(0, replies.counts(agent, ResponderIntakeService.senderHash("pat@outside.example"), "x", clock.instant())
                .allLastHour());
    }

    @Test
    void theTokenBudgetHolds() {
        ReplyPolicy d = ReplyPolicy.DEFAULT;
        manage.setPolicy(spec.populationId(), new ReplyPolicy(ReplyMode.REVIEW, List.of(), List.of(), false, 10,
                d.maxAttachmentBytes(), 10, 100, Duration.ZERO, 1, d.spamThreshold()));
        intake.offer(agent, "smtp", mail("m5@outside.example", ""));
        intake.offer(agent, "smtp", mail("m6@outside.example", ""));
        responder().runOnce(10);
        assertEquals(1, modelCalls.get(), "the first reply spends the budget");
        assertEquals(1, queue.list(new ReplyQueue.Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 10)).stream().filter(e -> e.outcome().equals(Optional.of("token-budget"))).count());
    }

    @Test
    void aModelFailureIsRetriedWithBackoffThenFailsForGood() {
        modelDown.set(true);
        intake.offer(agent, "smtp", mail("m7@outside.example", ""));
        ResponderService r = responder(replies, 2);
        assertEquals(1, r.runOnce(10));
        ReplyQueue.Entry e = queue.list(new ReplyQueue.Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 10)).get(0);
        assertEquals(ReplyQueue.State.PENDING, e.state());
        assertTrue(e.nextAttemptAt().orElseThrow().isAfter(clock.instant()));
        assertEquals(0, r.runOnce(10), "not due before its backoff");
        clock.advance(Duration.ofMinutes(11));
        assertEquals(1, r.runOnce(10));
        assertEquals(ReplyQueue.State.FAILED, queue.find(e.id()).orElseThrow().state());
        assertEquals(0, replies.list(new ReplyStore.Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 10)).size());
    }

    @Test
    void anAttemptInterruptedAfterTheSpoolStoreNeverSendsTwice() {
        policy(ReplyMode.AUTO);
        AtomicBoolean crash = new AtomicBoolean(true);
        ReplyStore flaky = new ReplyStore() {
            public Reply add(NewReply reply) { return replies.add(reply); }
            public Optional<Reply> find(long id) { return replies.find(id); }
            public List<Reply> list(Filter filter) { return replies.list(filter); }
            public ReplyCounts counts(String a, String s, String t, Instant now) { return replies.counts(a, s, t, now); }
            public boolean decide(long id, State to, Optional<String> queueId, Instant at) {
                if (crash.getAndSet(false)) throw new IllegalStateException("the process died here");
                return replies.decide(id, to, queueId, at);
            }
        };
        intake.offer(agent, "smtp", mail("m8@outside.example", ""));
        ResponderService r = responder(flaky, 3);
        r.runOnce(10);
        clock.advance(Duration.ofMinutes(11));
        r.runOnce(10);
        assertEquals(1, spool.count(SpoolQuery.in(Optional.empty())));
        assertEquals(1, modelCalls.get());
        ReplyQueue.Entry e = queue.list(new ReplyQueue.Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 10)).get(0);
        assertEquals(ReplyQueue.State.COMPLETED, e.state());
        assertTrue(e.detail().orElseThrow().contains("left as a draft"), e.detail().orElseThrow());
    }

    @Test
    void aMessageForAnAgentThatDoesNotAnswerIsNotStored() {
        assertEquals(Intake.NOT_ENABLED, intake.offer(agents.get(1), "smtp", mail("m9@outside.example", "")));
        assertEquals(Intake.UNREADABLE, intake.offer(agent, "smtp", "no headers at all".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, queue.counts().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aGdprErasureLeavesNothingForTheAddressAndAuditsOnlyItsHash() {
        intake.offer(agent, "smtp", mail("m10@outside.example", ""));
        responder().runOnce(10);
        ErasePersonalDataService erase = new ErasePersonalDataService(new InMemoryMailErasure(queue, replies,
                p -> List.copyOf(agents)), own, audit, clock);
        ErasePersonalDataUseCase.Erasure e = erase.eraseAddress(" Pat@Outside.example ");
        assertEquals(1, e.queued());
        assertEquals(1, e.replies());
        assertEquals(0, queue.counts().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(audit.list(AuditQuery.all()).stream().anyMatch(x -> x.event().action().equals("gdpr.erase")
                && x.event().target().equals("address:" + e.addressHash())));
        assertFalse(audit.list(AuditQuery.all()).stream().anyMatch(x -> x.event().toString().contains("pat@outside")));
        RejectedCommandException ours = assertThrows(RejectedCommandException.class, () -> erase.eraseAddress(agent));
        assertTrue(ours.getMessage().contains("mailboxes teardown"));
    }

    @Test
    void theImapIntakeReadsEnabledAgentsAtTheProviderWithTheirAppPasswordAndSavesCheckpointsAfterTheOffer() {
        manage.enable(spec.populationId(), List.of(agents.get(1)));
        InMemoryMailboxLedger ledger = new InMemoryMailboxLedger();
        ledger.active(spec.populationId(), "mailcow", 0, agent, "ref-0", 0);
        ledger.active(spec.populationId(), "mailjet", 1, agents.get(1), "ref-1", 0);
        InMemoryUidCheckpoints checkpoints = new InMemoryUidCheckpoints();
        ResponderService.Background b = new ResponderService.Background(Optional.empty(), "mailcow", checkpoints, ledger,
                (task, every) -> true, null, intake, 0);
        MailIntake.Source source = responder().source(b);

        List<MailIntake.Mailbox> boxes = source.mailboxes();
        assertEquals(List.of(agent), boxes.stream().map(MailIntake.Mailbox::address).toList());
        assertTrue(new AgentSubmissionUsers(store, () -> cipher).authenticate(agent, boxes.get(0).password().reveal()).isPresent(),
                "the intake logs in with the password the gateway accepts");

        source.accept(agent, new UidCheckpoints.Checkpoint(7, 42), mail("m11@outside.example", ""));
        assertEquals(Optional.of(new UidCheckpoints.Checkpoint(7, 42)), source.checkpoint(agent));
        assertEquals(1, queue.counts().get(ReplyQueue.State.PENDING));
    }

    @Test
    void retentionRunsForEachPopulationWithAnsweringAgents() {
        intake.offer(agent, "smtp", mail("m12@outside.example", ""));
        clock.advance(Duration.ofDays(3));
        intake.offer(agent, "smtp", mail("m13@outside.example", ""));
        ErasePersonalDataService erase = new ErasePersonalDataService(new InMemoryMailErasure(queue, replies,
                p -> List.copyOf(agents)), own, audit, clock);
        ResponderService.Background b = new ResponderService.Background(Optional.empty(), "mailcow",
                new InMemoryUidCheckpoints(), new InMemoryMailboxLedger(), (task, every) -> true, erase, intake, 2);
        responder().applyRetention(b);
        assertEquals(1, queue.counts().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void theRunningIntakesCountsReachTheObserver() {
        MailIntake fake = new MailIntake() {
            @Override
            public Watch watch(Source source) {
                return new Watch() {
                    @Override
                    public int idling() {
                        return 2;
                    }

                    @Override
                    public int polled() {
                        return 5;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void check(Optional<Mailbox> probe) {
            }
        };
        List<java.util.function.IntSupplier> seen = new ArrayList<>();
        net.azt3knet.ports.out.responder.ResponderObserver observer = new net.azt3knet.ports.out.responder.ResponderObserver() {
            @Override
            public void intake(java.util.function.IntSupplier idling, java.util.function.IntSupplier polled) {
                seen.add(idling);
                seen.add(polled);
            }
        };
        ResponderService.Background b = new ResponderService.Background(Optional.of(fake), "mailcow",
                new InMemoryUidCheckpoints(), new InMemoryMailboxLedger(), (task, every) -> true, null, intake, 0);
        ResponderService.Settings s = ResponderService.Settings.defaults("test-model");
        ResponderService service = new ResponderService(queue, replies, roster, codec, new FixedReplyTemplates(), model, spool,
                store, store, own, () -> cipher, audit, observer, clock, s, Optional.of(b));
        try (var running = service.start()) {
            assertEquals(List.of(2, 5), seen.stream().map(java.util.function.IntSupplier::getAsInt).toList());
        }
    }

    @Test
    void theOperatorsCommandsNameWhatIsWrong() {
        RejectedCommandException unknown = assertThrows(RejectedCommandException.class,
                () -> manage.enable(spec.populationId(), List.of("nobody@elsewhere.example")));
        assertTrue(unknown.getMessage().contains("nobody@elsewhere.example"), unknown.getMessage());
        ReplyPolicy d = ReplyPolicy.DEFAULT;
        RejectedCommandException pattern = assertThrows(RejectedCommandException.class, () -> manage.setPolicy(spec.populationId(),
                new ReplyPolicy(ReplyMode.AUTO, List.of("not a pattern"), List.of(), false, 4, d.maxAttachmentBytes(), 5, 100,
                        d.oncePer(), d.dailyTokens(), d.spamThreshold())));
        assertTrue(pattern.getMessage().startsWith("--allowed-senders"), pattern.getMessage());
        assertEquals(ReplyMode.REVIEW, manage.status(spec.populationId()).policy().mode(), "nothing changed");
        assertThrows(RejectedCommandException.class, () -> manage.queue(Optional.empty(), Optional.empty(), Optional.empty(), 0));
        assertThrows(RejectedCommandException.class, () -> manage.queue(Optional.of("stuck"), Optional.empty(), Optional.empty(), 10));
        assertEquals(1, manage.status(spec.populationId()).enabledAgents());
    }

    @Test
    void storedInboundMailIsOfferedToTheResponder() {
        ReceiveInboundMailService receive = new ReceiveInboundMailService(new KeepingMailbox(), audit, clock, Optional.of(intake));
        receive.receive(new net.azt3knet.ports.in.ReceiveInboundMailUseCase.Received("smtp", agent, "pat@outside.example",
                "Garden plans", "m14@outside.example", new String(mail("m14@outside.example", ""), StandardCharsets.UTF_8)));
        assertEquals(1, queue.counts().get(ReplyQueue.State.PENDING));
    }

    private final class KeepingMailbox implements InboundMailbox {
        @Override
        public Delivery deliver(InboundMessage message) {
            return Delivery.STORED;
        }

        @Override
        public boolean knows(String address) {
            return true;
        }

        @Override
        public List<InboundMessage> messages(String recipient, int limit) {
            return List.of();
        }
    }
}

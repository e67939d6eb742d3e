package net.azt3knet.application;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.responder.FilterDecision;
import net.azt3knet.domain.responder.FilterReason;
import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.OutgoingMail;
import net.azt3knet.domain.responder.PersonaPrompt;
import net.azt3knet.domain.responder.ReplyCounts;
import net.azt3knet.domain.responder.ReplyFilters;
import net.azt3knet.domain.responder.ReplyMode;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.domain.responder.ReplySafety;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import net.azt3knet.ports.in.ResponderIntakeUseCase;
import net.azt3knet.ports.in.RunResponderUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.mail.MailIntake;
import net.azt3knet.ports.out.mail.MessageCodec;
import net.azt3knet.ports.out.mail.ReplyTemplates;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.responder.ReplyQueue.Claimed;
import net.azt3knet.ports.out.responder.ReplyQueue.Entry;
import net.azt3knet.ports.out.responder.ReplyStore;
import net.azt3knet.ports.out.responder.ResponderObserver;
import net.azt3knet.ports.out.responder.ResponderRoster;
import net.azt3knet.ports.out.responder.UidCheckpoints;
import net.azt3knet.ports.out.responder.UidCheckpoints.Checkpoint;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.store.AgentRecord;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PeriodicTasks;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.StoredCredential;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextPrompt;

/**
 * The responder's workers: each claims one queued message at a time under a lease and decides it — filters first (no
 * model call for mail that is not answered), then the persona prompt, the model, the safety check, the templates and
 * the reply, stored as a draft (review mode) or handed to the gateway's spool (auto mode).
 *
 * <p>Never twice: a reply is first stored as a {@code DRAFT}, then (auto mode) spooled, then marked {@code SENT} with
 * its queue id, then the queue entry is completed. A message claimed again (its holder died, its lease ran out) that
 * already has a reply gets no second one: in review mode the draft stands; in auto mode a draft means the process died
 * between storing it and marking it sent, so whether it reached the spool is unknown — it is left as a draft for an
 * operator to approve or reject rather than risk a second send. A crash after the spool store and before
 * {@code decide(SENT)} thus never sends twice; at worst a sent reply still shows as a draft.
 *
 * <p>Failures (the model, a store, the spool) put the message back with jittered exponential backoff until
 * {@link Settings#maxAttempts}, then fail it for good; nothing is lost or doubled.
 *
 * <p>Tokens: what the model server counted ({@link GeneratedText#tokensUsed()}); a server that does not say is
 * estimated at one token per four characters of the prompt and the answer (rounded up) — what the daily budget counts.
 * A subject the server suggests is used only when it starts with {@code Re:}, so the reply stays in its thread for
 * clients that thread by subject.
 */
public final class ResponderService implements RunResponderUseCase {

    /** The context replies are sealed under; the operator's drafts views open with the same. */
    static final String REPLY_CONTEXT = "responder.reply";

    /** The source word of mail read from the agents' mailbox server by the mail intake (the integration's name stays in its module). */
    static final String MAILBOX_SOURCE = "mailbox";

    private static final Logger LOG = System.getLogger(ResponderService.class.getName());
    private static final int HISTORY = 10;
    /** How many of an agent's newest replies are looked through for an earlier reply to the same message. */
    private static final int EARLIER_REPLIES = 1000;
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /**
     * @param workers       virtual threads claiming from the queue (default 8)
     * @param lease         how long a claimed message is held before another process may take it
     * @param idle          how long a worker waits when the queue is empty
     * @param model         the model's name
     * @param temperature   sampling temperature
     * @param maxTokens     most tokens per answer
     * @param maxAttempts   attempts before a message fails for good
     * @param backoff       the first retry's delay, doubled per attempt
     * @param maxBackoff    the longest retry delay
     * @param defaultPolicy the policy of a population that has none set
     * @param closeWait     how long {@code close()} waits for replies in progress
     */
    public record Settings(int workers, Duration lease, Duration idle, String model, double temperature, int maxTokens,
                           int maxAttempts, Duration backoff, Duration maxBackoff, ReplyPolicy defaultPolicy,
                           Duration closeWait) {
        public Settings {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(defaultPolicy, "defaultPolicy");
            if (workers < 1) throw new IllegalArgumentException("responder workers must be at least 1, was " + workers);
            if (maxAttempts < 1) throw new IllegalArgumentException("responder attempts must be at least 1, was " + maxAttempts);
        }

        public static Settings defaults(String model) {
            return new Settings(8, Duration.ofMinutes(5), Duration.ofSeconds(2), model, 0.7, 800, 5,
                    Duration.ofSeconds(30), Duration.ofHours(1), ReplyPolicy.DEFAULT, Duration.ofSeconds(30));
        }
    }

    /**
     * The responder's work besides the queue: the IMAP intake (when a mail intake integration is enabled) and retention.
     *
     * @param intake         the mail intake, when enabled
     * @param intakeProvider the provider whose mailboxes the intake reads (the mailbox ledger's name, {@code mailcow})
     * @param retentionDays  days stored mail is kept (0: kept until erased)
     */
    public record Background(Optional<MailIntake> intake, String intakeProvider, UidCheckpoints checkpoints,
                             MailboxLedger ledger, PeriodicTasks periodic, ErasePersonalDataUseCase erase,
                             ResponderIntakeUseCase offers, int retentionDays) {
        public Background {
            Objects.requireNonNull(intake, "intake");
            Objects.requireNonNull(intakeProvider, "intakeProvider");
            if (retentionDays < 0) throw new IllegalArgumentException("retention days cannot be negative, was " + retentionDays);
        }
    }

    private static final Duration RETENTION_EVERY = Duration.ofHours(1);
    private static final Duration RETENTION_CHECK = Duration.ofMinutes(1);

    private final ReplyQueue queue;
    private final ReplyStore replies;
    private final ResponderRoster roster;
    private final MessageCodec codec;
    private final ReplyTemplates templates;
    private final TextGeneration model;
    private final MessageSpool spool;
    private final PopulationStore populations;
    private final CredentialStore credentials;
    private final InboundMailbox ownAgents;
    private final Supplier<CredentialCipher> cipher;
    private final AuditTrail audit;
    private final ResponderObserver observer;
    private final Clock clock;
    private final Settings settings;
    private final Optional<Background> background;
    private final Map<String, List<String>> othersByPopulation = new ConcurrentHashMap<>();

    public ResponderService(ReplyQueue queue, ReplyStore replies, ResponderRoster roster, MessageCodec codec,
                            ReplyTemplates templates, TextGeneration model, MessageSpool spool, PopulationStore populations,
                            CredentialStore credentials, InboundMailbox ownAgents, Supplier<CredentialCipher> cipher,
                            AuditTrail audit, ResponderObserver observer, Clock clock, Settings settings) {
        this(queue, replies, roster, codec, templates, model, spool, populations, credentials, ownAgents, cipher, audit,
                observer, clock, settings, Optional.empty());
    }

    public ResponderService(ReplyQueue queue, ReplyStore replies, ResponderRoster roster, MessageCodec codec,
                            ReplyTemplates templates, TextGeneration model, MessageSpool spool, PopulationStore populations,
                            CredentialStore credentials, InboundMailbox ownAgents, Supplier<CredentialCipher> cipher,
                            AuditTrail audit, ResponderObserver observer, Clock clock, Settings settings,
                            Optional<Background> background) {
        this.background = Objects.requireNonNull(background, "background");
        this.queue = queue;
        this.replies = replies;
        this.roster = roster;
        this.codec = codec;
        this.templates = templates;
        this.model = model;
        this.spool = spool;
        this.populations = populations;
        this.credentials = credentials;
        this.ownAgents = ownAgents;
        this.cipher = cipher;
        this.audit = audit;
        this.observer = observer;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public Running start() {
        AtomicBoolean stopping = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(Thread.ofVirtual().name("responder-" + i).start(() -> work(stopping)));
        }
        Optional<MailIntake.Watch> watch = background.flatMap(b -> b.intake().map(i -> i.watch(source(b))));
        watch.ifPresent(w -> observer.intake(w::idling, w::polled));
        background.filter(b -> b.retentionDays() > 0)
                .ifPresent(b -> workers.add(Thread.ofVirtual().name("responder-retention").start(() -> retention(b, stopping))));
        return new Running() {
            @Override
            public String describe() {
                return "responder: " + settings.workers() + " workers, model " + settings.model() + ", default mode "
                        + settings.defaultPolicy().mode().name().toLowerCase(Locale.ROOT)
                        + (watch.isEmpty() ? ", no IMAP intake" : background.orElseThrow().intakeProvider().isEmpty()
                                ? ", IMAP intake idle (no enabled mail provider hosts mailboxes)"
                                : ", IMAP intake of the " + background.orElseThrow().intakeProvider() + " mailboxes")
                        + background.filter(b -> b.retentionDays() > 0).map(b -> ", retention " + b.retentionDays() + " days")
                                .orElse("");
            }

            @Override
            public void close() {
                stopping.set(true);
                watch.ifPresent(MailIntake.Watch::close);
                long deadline = System.nanoTime() + settings.closeWait().toNanos();
                for (Thread t : workers) {
                    try {
                        long left = deadline - System.nanoTime();
                        if (left > 0) t.join(Duration.ofNanos(left));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                // a worker still busy holds one message; its lease runs out and another process takes it
                workers.forEach(Thread::interrupt);
            }
        };
    }

    private void work(AtomicBoolean stopping) {
        while (!stopping.get()) {
            int done;
            try {
                done = runOnce(1);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "responder: claiming from the queue failed: {0}", e.getClass().getSimpleName());
                done = 0;
            }
            if (done == 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(settings.idle().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * What the IMAP intake reads: every enabled agent with an active mailbox at the intake's provider, logging in with
     * its app password; each message is offered to the intake, then the checkpoint saved.
     */
    MailIntake.Source source(Background b) {
        return new MailIntake.Source() {
            @Override
            public List<MailIntake.Mailbox> mailboxes() {
                CredentialCipher key = cipher.get();
                Map<String, Set<String>> active = new HashMap<>();
                List<MailIntake.Mailbox> out = new ArrayList<>();
                for (ResponderRoster.Enabled e : roster.enabledAgents()) {
                    Set<String> atProvider = active.computeIfAbsent(e.population(), p -> b.ledger()
                            .entries(UUID.fromString(p), b.intakeProvider()).values().stream()
                            .filter(m -> m.status() == LedgerMailbox.Status.ACTIVE)
                            .map(m -> m.address().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
                    if (!atProvider.contains(e.agent())) continue;
                    credentials.mailboxOf(e.agent()).ifPresent(c -> out.add(new MailIntake.Mailbox(e.agent(), e.agent(),
                            AgentSubmissionUsers.appPassword(key, c))));
                }
                return out;
            }

            @Override
            public Optional<Checkpoint> checkpoint(String address) {
                return b.checkpoints().get(address);
            }

            @Override
            public void accept(String address, Checkpoint at, byte[] raw) {
                b.offers().offer(address, MAILBOX_SOURCE, raw);
                b.checkpoints().save(address, at);
            }
        };
    }

    /** Once per hour across every process: each population with answering agents loses its mail older than retention. */
    private void retention(Background b, AtomicBoolean stopping) {
        while (!stopping.get()) {
            try {
                if (b.periodic().claimRound("responder.retention", RETENTION_EVERY)) applyRetention(b);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "responder: retention failed: {0}", e.getClass().getSimpleName());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(RETENTION_CHECK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Applies retention to each population that has an answering agent. */
    void applyRetention(Background b) {
        roster.enabledAgents().stream().map(ResponderRoster.Enabled::population).distinct()
                .forEach(p -> b.erase().applyRetention(UUID.fromString(p), b.retentionDays()));
    }

    /** Claims up to {@code max} due messages and decides each; returns how many were claimed. */
    public int runOnce(int max) {
        List<Claimed> claimed = queue.claim(max, settings.lease());
        for (Claimed c : claimed) process(c);
        return claimed.size();
    }

    private void process(Claimed claimed) {
        Entry entry = claimed.entry();
        String stage = "open";
        try {
            CredentialCipher key = cipher.get();
            IncomingMail mail = codec.read(entry.source(), key.openContent(ResponderIntakeService.MAIL_CONTEXT, claimed.content()));
            stage = "store";
            if (entry.attempts() > 1 && answeredBefore(entry)) return;
            Instant now = clock.instant();
            ReplyPolicy policy = roster.policy(entry.population()).orElse(settings.defaultPolicy());
            ReplyCounts counts = replies.counts(entry.agent(), entry.senderHash(), entry.threadId(), now);
            FilterDecision decision = ReplyFilters.screen(mail, entry.agent(), policy,
                    a -> ownAgents.knows(a.toLowerCase(Locale.ROOT)), counts, now);
            if (!decision.answer()) {
                skip(entry, decision.reason(), decision.detail());
                return;
            }
            stage = "profile";
            AgentRecord agent = agentRecord(entry.agent());
            AgentProfile profile = StoredProfiles.read(agent.profileJson());
            List<IncomingMail> history = history(entry, key);
            List<PersonaPrompt.ThreadMessage> thread = history.stream()
                    .map(m -> new PersonaPrompt.ThreadMessage(m.from(), m.subject(), m.text())).toList();
            PersonaPrompt prompt = PersonaPrompt.build(profile, mail, thread);
            stage = "model";
            long started = System.nanoTime();
            GeneratedText answer = model.generate(new TextPrompt(settings.model(), prompt.system(), prompt.user(),
                    seed(entry.messageId()), settings.temperature(), settings.maxTokens(), false,
                    Optional.of(new TextPrompt.EmailContext(mail.fromName().isEmpty() ? mail.from() : mail.fromName() + " <" + mail.from() + ">",
                            mail.subject(), entry.threadId(), history.stream().map(IncomingMail::text).toList()))));
            Duration modelTime = Duration.ofNanos(System.nanoTime() - started);
            long tokens = answer.tokensUsed() >= 0 ? answer.tokensUsed()
                    : (prompt.system().length() + prompt.user().length() + answer.content().length() + 3) / 4;
            StringBuilder threadText = new StringBuilder(mail.text());
            history.forEach(m -> threadText.append('\n').append(m.text()));
            Optional<String> refusal = ReplySafety.refusal(answer.content(), prompt, threadText.toString(),
                    otherAgents(entry.population(), entry.agent()));
            if (refusal.isPresent()) {
                skip(entry, FilterReason.UNSAFE_REPLY, refusal.get());
                return;
            }
            stage = "reply";
            String to = replyTo(mail);
            OutgoingMail reply = reply(entry, mail, profile, to, answer, now);
            byte[] bytes = codec.write(reply);
            ReplyStore.Reply stored = replies.add(new ReplyStore.NewReply(entry.id(), entry.agent(), entry.population(),
                    ResponderIntakeService.senderHash(to), entry.threadId(), reply.subject(), ReplyStore.State.DRAFT, tokens,
                    key.sealContent(REPLY_CONTEXT, bytes), Optional.empty(), now));
            boolean sent = policy.mode() == ReplyMode.AUTO;
            if (sent) {
                stage = "spool";
                QueueId id = spool.store(new Envelope(entry.agent(), List.of(to), Optional.of("responder"), "127.0.0.1",
                        "responder"), bytes);
                replies.decide(stored.id(), ReplyStore.State.SENT, Optional.of(id.toString()), clock.instant());
            }
            queue.complete(entry.id(), FilterReason.ANSWER.word(), (sent ? "sent" : "draft") + " reply " + stored.id());
            audit.append(AuditEvent.ok("responder", "responder.reply", "mailbox:" + entry.agent(), Map.of(
                    "mail_id", Long.toString(entry.id()), "reply_id", Long.toString(stored.id()),
                    "recipient_hash", ResponderIntakeService.senderHash(to), "thread", Digests.sha256Hex(entry.threadId()),
                    "mode", policy.mode().name().toLowerCase(Locale.ROOT))));
            observer.decided(FilterReason.ANSWER);
            observer.replied(Duration.between(entry.receivedAt(), clock.instant()), modelTime, tokens, sent);
        } catch (RuntimeException e) {
            retryOrFail(entry, stage, e);
        }
    }

    /** True when this message already has a reply (an earlier attempt died after storing it): completes it. */
    private boolean answeredBefore(Entry entry) {
        List<ReplyStore.Reply> earlier = replies.list(new ReplyStore.Filter(Optional.empty(), Optional.of(entry.agent()),
                Optional.of(entry.population()), Optional.empty(), EARLIER_REPLIES)).stream()
                .filter(r -> r.mailId() == entry.id()).toList();
        if (earlier.isEmpty()) return false;
        ReplyStore.Reply r = earlier.get(0);
        String detail = r.state() == ReplyStore.State.DRAFT
                ? "reply " + r.id() + " was written by an interrupted attempt and is left as a draft: approve or reject it"
                : "reply " + r.id() + " was written by an earlier attempt";
        queue.complete(entry.id(), FilterReason.ANSWER.word(), detail);
        return true;
    }

    private void skip(Entry entry, FilterReason reason, String detail) {
        queue.complete(entry.id(), reason.word(), detail);
        audit.append(AuditEvent.ok("responder", "responder.skip", "mailbox:" + entry.agent(), Map.of(
                "mail_id", Long.toString(entry.id()), "reason", reason.word(), "detail", detail)));
        observer.decided(reason);
    }

    private void retryOrFail(Entry entry, String stage, RuntimeException e) {
        boolean retry = entry.attempts() < settings.maxAttempts();
        String detail = stage + " failed (attempt " + entry.attempts() + " of " + settings.maxAttempts() + "): "
                + e.getClass().getSimpleName();
        Optional<Instant> at = retry ? Optional.of(clock.instant().plus(backoff(entry.attempts()))) : Optional.empty();
        try {
            queue.fail(entry.id(), detail, at);
        } catch (RuntimeException again) {
            // the lease runs out and the message is claimed again: nothing is lost
            LOG.log(Level.WARNING, "responder: recording a failure of message {0} failed: {1}", entry.id(),
                    again.getClass().getSimpleName());
        }
        observer.failed(stage, retry);
    }

    /** {@code backoff · 2^(attempt-1)}, capped, then drawn from its upper half so retries of a burst spread out. */
    Duration backoff(int attempt) {
        long base = settings.backoff().toMillis();
        long capped = Math.min(settings.maxBackoff().toMillis(), base << Math.min(attempt - 1, 30));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** A seed fixed by the message: the same message asked again gets the same answer from a deterministic model. */
    static long seed(String messageId) {
        byte[] d = Digests.sha256(messageId);
        return ((d[0] & 0x7fL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
    }

    private AgentRecord agentRecord(String address) {
        StoredCredential c = credentials.mailboxOf(address)
                .orElseThrow(() -> new IllegalStateException("the agent is no longer stored"));
        AgentRecord[] found = new AgentRecord[1];
        populations.agents(c.ref().populationId(), c.ref().agentIndex(), 1, false, a -> found[0] = a);
        if (found[0] == null) throw new IllegalStateException("the agent is no longer stored");
        return found[0];
    }

    private List<IncomingMail> history(Entry entry, CredentialCipher key) {
        List<IncomingMail> out = new ArrayList<>();
        for (Claimed c : queue.thread(entry.agent(), entry.threadId(), HISTORY + 1)) {
            if (c.entry().id() == entry.id()) continue;
            try {
                out.add(codec.read(c.entry().source(), key.openContent(ResponderIntakeService.MAIL_CONTEXT, c.content())));
            } catch (RuntimeException e) {
                // an earlier message that cannot be read is left out of the history, not a reason to fail this one
            }
        }
        return out.size() > HISTORY ? out.subList(out.size() - HISTORY, out.size()) : out;
    }

    /** The population's other agents' addresses and display names, read once per population. */
    private List<String> otherAgents(String population, String agent) {
        List<String> all = othersByPopulation.computeIfAbsent(population, p -> {
            List<String> names = new ArrayList<>();
            populations.agents(UUID.fromString(p), 0, Long.MAX_VALUE, false, a -> {
                names.add(a.email().toLowerCase(Locale.ROOT));
                String display = net.azt3knet.domain.agent.CanonicalJson.stringField(a.profileJson(), "display_name");
                names.add(display == null ? "" : display);
            });
            return List.copyOf(names);
        });
        List<String> others = new ArrayList<>(all.size());
        for (int i = 0; i + 1 < all.size(); i += 2) {
            if (all.get(i).equals(agent)) continue;
            others.add(all.get(i));
            if (!all.get(i + 1).isBlank()) others.add(all.get(i + 1));
        }
        return others;
    }

    /** The address a reply goes to: the first Reply-To address, else From. */
    static String replyTo(IncomingMail mail) {
        Optional<String> header = mail.firstHeader("Reply-To");
        if (header.isPresent()) {
            String v = header.get();
            int lt = v.indexOf('<');
            int gt = v.indexOf('>', lt + 1);
            String a = (lt >= 0 && gt > lt ? v.substring(lt + 1, gt) : v.split(",")[0]).strip().toLowerCase(Locale.ROOT);
            if (a.indexOf('@') > 0 && a.indexOf('@') < a.length() - 1 && a.chars().noneMatch(Character::isWhitespace)) return a;
        }
        if (mail.from().indexOf('@') <= 0) throw new IllegalStateException("the message has no address to answer");
        return mail.from();
    }

    private OutgoingMail reply(Entry entry, IncomingMail mail, AgentProfile agent, String to, GeneratedText answer, Instant now) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ai_response", answer.content().strip());
        vars.put("sender_name", mail.fromName().isEmpty() ? mail.from() : mail.fromName());
        vars.put("original_subject", mail.subject());
        vars.put("response_date", DATE.format(now));
        vars.put("thread_id", entry.threadId());
        vars.put("agent_name", agent.displayName());
        vars.put("agent_email", agent.email());
        vars.put("agent_city", agent.city());
        vars.put("agent_occupation", agent.occupation());
        ReplyTemplates.Rendered body = templates.render(entry.population(), vars);
        String domain = entry.agent().substring(entry.agent().indexOf('@') + 1);
        String messageId = UUID.randomUUID().toString().replace("-", "") + "@" + domain;
        List<String> references = new ArrayList<>(mail.references());
        references.add(mail.messageId());
        String subject = answer.suggestedSubject().map(String::strip).filter(x -> x.regionMatches(true, 0, "re:", 0, 3))
                .orElse(subject(mail.subject()));
        return new OutgoingMail(messageId, entry.agent(), agent.displayName(), to, subject, now,
                mail.messageId(), references, body.text(), body.html(), List.of());
    }

    /** {@code Re: } before the subject unless it already has one. */
    static String subject(String original) {
        String s = original.strip();
        return s.regionMatches(true, 0, "re:", 0, 3) ? s : "Re: " + s;
    }
}

package net.azt3knet.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.ports.in.ManageResponderUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.mail.MessageCodec;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.responder.ReplyStore;
import net.azt3knet.ports.out.responder.ResponderRoster;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.store.PopulationStore;

/** The operator's controls over the responder; every change is audited with outside addresses as hashes only. */
public final class ManageResponderService implements ManageResponderUseCase {

    private final ResponderRoster roster;
    private final ReplyQueue queue;
    private final ReplyStore replies;
    private final PopulationStore populations;
    private final MessageSpool spool;
    private final MessageCodec codec;
    private final Supplier<CredentialCipher> cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final ReplyPolicy defaultPolicy;
    private final String actor;

    public ManageResponderService(ResponderRoster roster, ReplyQueue queue, ReplyStore replies, PopulationStore populations,
                                  MessageSpool spool, MessageCodec codec, Supplier<CredentialCipher> cipher, AuditTrail audit,
                                  Clock clock, ReplyPolicy defaultPolicy, String actor) {
        this.roster = roster;
        this.queue = queue;
        this.replies = replies;
        this.populations = populations;
        this.spool = spool;
        this.codec = codec;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.defaultPolicy = defaultPolicy;
        this.actor = actor;
    }

    @Override
    public int enable(UUID population, List<String> agents) {
        List<String> named = known(population, agents);
        int n = roster.enable(population.toString(), named, clock.instant());
        audit.append(AuditEvent.ok(actor, "responder.enable", "population:" + population,
                Map.of("agents", named.isEmpty() ? "all" : Integer.toString(named.size()), "enabled", Integer.toString(n))));
        return n;
    }

    @Override
    public int disable(UUID population, List<String> agents) {
        List<String> named = known(population, agents);
        int n = roster.disable(population.toString(), named);
        audit.append(AuditEvent.ok(actor, "responder.disable", "population:" + population,
                Map.of("agents", named.isEmpty() ? "all" : Integer.toString(named.size()), "disabled", Integer.toString(n))));
        return n;
    }

    /** The agents named, lower case, each one of the population's; refused naming every unknown address. */
    private List<String> known(UUID population, List<String> agents) {
        if (populations.find(population).isEmpty()) throw new UnknownPopulationException(population);
        if (agents.isEmpty()) return List.of();
        Set<String> own = new java.util.HashSet<>();
        populations.agents(population, 0, Long.MAX_VALUE, false, a -> own.add(a.email().toLowerCase(Locale.ROOT)));
        List<String> named = agents.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        List<String> unknown = named.stream().filter(a -> !own.contains(a)).toList();
        if (!unknown.isEmpty()) {
            throw new RejectedCommandException("--agent: " + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
                    + " not an agent of population " + population + "; 'azt3knet agents list' shows them");
        }
        return named;
    }

    @Override
    public Status status(UUID population) {
        if (populations.find(population).isEmpty()) throw new UnknownPopulationException(population);
        String p = population.toString();
        int enabled = (int) roster.enabledAgents().stream().filter(e -> e.population().equals(p)).count();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ReplyQueue.State s : ReplyQueue.State.values()) {
            counts.put(word(s), (long) queue.list(new ReplyQueue.Filter(Optional.of(s), Optional.empty(), Optional.of(p),
                    Optional.empty(), MAX)).size());
        }
        long drafts = replies.list(new ReplyStore.Filter(Optional.of(ReplyStore.State.DRAFT), Optional.empty(), Optional.of(p),
                Optional.empty(), MAX)).size();
        return new Status(population, enabled, roster.policy(p).orElse(defaultPolicy), counts, drafts);
    }

    @Override
    public ReplyPolicy setPolicy(UUID population, ReplyPolicy policy) {
        if (populations.find(population).isEmpty()) throw new UnknownPopulationException(population);
        validate(policy);
        String p = population.toString();
        ReplyPolicy old = roster.policy(p).orElse(defaultPolicy);
        roster.setPolicy(p, policy);
        audit.append(AuditEvent.ok(actor, "responder.policy", "population:" + population,
                Map.of("old", old.toString(), "new", policy.toString())));
        return policy;
    }

    private static void validate(ReplyPolicy policy) {
        for (String s : policy.allowedSenders()) pattern("allowed-senders", s);
        for (String s : policy.blockedSenders()) pattern("blocked-senders", s);
        if (policy.oncePer().isNegative()) throw new RejectedCommandException("--once-per cannot be negative; 0 means no limit");
        if (!(policy.spamThreshold() > 0) || Double.isInfinite(policy.spamThreshold())) {
            throw new RejectedCommandException("--spam-threshold must be a positive number (5 is the default), was "
                    + policy.spamThreshold());
        }
    }

    private static void pattern(String field, String value) {
        String v = value.strip();
        boolean ok = v.equals("*") || (v.startsWith("@") && v.length() > 1 && v.indexOf('@', 1) < 0)
                || (v.indexOf('@') > 0 && v.indexOf('@') == v.lastIndexOf('@') && v.indexOf('@') < v.length() - 1);
        if (!ok || v.chars().anyMatch(Character::isWhitespace)) {
            throw new RejectedCommandException("--" + field + ": '" + value + "' is not a sender pattern; give an address "
                    + "(a@b.example), a domain (@b.example) or *");
        }
    }

    @Override
    public List<QueueItem> queue(Optional<String> state, Optional<String> agent, Optional<Long> before, int limit) {
        limit(limit);
        Optional<ReplyQueue.State> s = state.filter(x -> !x.isBlank()).map(x -> enumOf(ReplyQueue.State.class, "--state", x));
        return queue.list(new ReplyQueue.Filter(s, agent.map(a -> a.strip().toLowerCase(Locale.ROOT)), Optional.empty(),
                before, limit)).stream().map(ManageResponderService::item).toList();
    }

    @Override
    public QueueItem retry(long id) {
        if (!queue.retry(id)) {
            throw new RejectedCommandException("queue entry " + id + " is not there or is being processed; "
                    + "'azt3knet responder queue' lists the entries");
        }
        audit.append(AuditEvent.ok(actor, "responder.retry", "responder-mail:" + id, Map.of()));
        return queue.find(id).map(ManageResponderService::item).orElseThrow();
    }

    @Override
    public void drop(long id) {
        if (!queue.drop(id)) {
            throw new RejectedCommandException("queue entry " + id + " is not there or is being processed; "
                    + "'azt3knet responder queue' lists the entries");
        }
        audit.append(AuditEvent.ok(actor, "responder.drop", "responder-mail:" + id, Map.of()));
    }

    @Override
    public List<Draft> drafts(Optional<String> state, Optional<String> agent, Optional<Long> before, int limit) {
        limit(limit);
        Optional<ReplyStore.State> s = state.filter(x -> !x.isBlank()).map(x -> enumOf(ReplyStore.State.class, "--state", x));
        List<Draft> out = new ArrayList<>();
        CredentialCipher key = cipher.get();
        for (ReplyStore.Reply r : replies.list(new ReplyStore.Filter(s, agent.map(a -> a.strip().toLowerCase(Locale.ROOT)),
                Optional.empty(), before, limit))) {
            out.add(draft(r, key, false));
        }
        return out;
    }

    @Override
    public Optional<Draft> draft(long id) {
        return replies.find(id).map(r -> draft(r, cipher.get(), true));
    }

    @Override
    public Draft approve(long id) {
        ReplyStore.Reply r = aDraft(id);
        CredentialCipher key = cipher.get();
        byte[] content = key.openContent(ResponderService.REPLY_CONTEXT, r.content());
        String to = to(content);
        QueueId queued = spool.store(new Envelope(r.agent(), List.of(to), Optional.of("responder"), "127.0.0.1", "responder"), content);
        if (!replies.decide(id, ReplyStore.State.SENT, Optional.of(queued.toString()), clock.instant())) {
            // decided by someone else between the read and now: take our copy back out of the spool
            spool.delete(queued);
            throw notADraft(id);
        }
        audit.append(AuditEvent.ok(actor, "responder.approve", "responder-reply:" + id,
                Map.of("queue_id", queued.toString(), "recipient_hash", r.recipientHash())));
        return draft(replies.find(id).orElseThrow(), key, false);
    }

    @Override
    public Draft reject(long id) {
        aDraft(id);
        if (!replies.decide(id, ReplyStore.State.REJECTED, Optional.empty(), clock.instant())) throw notADraft(id);
        audit.append(AuditEvent.ok(actor, "responder.reject", "responder-reply:" + id, Map.of()));
        return draft(replies.find(id).orElseThrow(), cipher.get(), false);
    }

    private ReplyStore.Reply aDraft(long id) {
        ReplyStore.Reply r = replies.find(id).orElseThrow(() -> new RejectedCommandException("no reply " + id
                + "; 'azt3knet responder drafts' lists them"));
        if (r.state() != ReplyStore.State.DRAFT) throw notADraft(id);
        return r;
    }

    private static RejectedCommandException notADraft(long id) {
        return new RejectedCommandException("reply " + id + " is no longer a draft (approved or rejected already)");
    }

    /** A reply as the operator sees it: read back with the codec, which gives its text part (no HTML: shown empty). */
    private Draft draft(ReplyStore.Reply r, CredentialCipher key, boolean withText) {
        byte[] content = key.openContent(ResponderService.REPLY_CONTEXT, r.content());
        IncomingMail read = codec.read("smtp", content);
        String to = read.to().isEmpty() ? "" : read.to().get(0);
        return new Draft(r.id(), r.mailId(), r.agent(), to, r.subject(), word(r.state()), r.tokens(), r.queueId(),
                r.createdAt(), r.decidedAt(), withText ? read.text() : "", "");
    }

    /** The reply's recipient as written in it. */
    private String to(byte[] content) {
        List<String> to = codec.read("smtp", content).to();
        if (to.isEmpty()) throw new IllegalStateException("a stored reply has no recipient");
        return to.get(0);
    }

    private static QueueItem item(ReplyQueue.Entry e) {
        return new QueueItem(e.id(), e.agent(), e.source(), word(e.state()), e.attempts(), e.outcome(), e.detail(),
                e.receivedAt(), e.nextAttemptAt());
    }

    private static void limit(int limit) {
        if (limit < 1 || limit > MAX) throw new RejectedCommandException("--limit " + limit + " is not a page size: give 1 to " + MAX);
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        for (E e : type.getEnumConstants()) if (word(e).equals(value.strip().toLowerCase(Locale.ROOT))) return e;
        throw new RejectedCommandException(field + " '" + value + "' is not one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(ManageResponderService::word).collect(Collectors.joining("|")));
    }
}

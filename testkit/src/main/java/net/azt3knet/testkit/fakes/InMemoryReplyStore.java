package net.azt3knet.testkit.fakes;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import net.azt3knet.domain.responder.ReplyCounts;
import net.azt3knet.ports.out.responder.ReplyStore;

/** {@link ReplyStore} in memory. */
public final class InMemoryReplyStore implements ReplyStore {

    private final TreeMap<Long, Reply> byId = new TreeMap<>();
    private long next = 1;

    @Override
    public synchronized Reply add(NewReply r) {
        // a reply added already sent (auto mode) is decided when written
        Optional<Instant> decided = r.state() == State.DRAFT ? Optional.empty() : Optional.of(r.createdAt());
        Reply stored = new Reply(next++, r.mailId(), r.agent(), r.population(), r.recipientHash(), r.threadId(), r.subject(),
                r.state(), r.tokens(), r.content().clone(), r.queueId(), r.createdAt(), decided);
        byId.put(stored.id(), stored);
        return copy(stored);
    }

    private static Reply copy(Reply r) {
        return new Reply(r.id(), r.mailId(), r.agent(), r.population(), r.recipientHash(), r.threadId(), r.subject(), r.state(),
                r.tokens(), r.content().clone(), r.queueId(), r.createdAt(), r.decidedAt());
    }

    @Override
    public synchronized Optional<Reply> find(long id) {
        return Optional.ofNullable(byId.get(id)).map(InMemoryReplyStore::copy);
    }

    @Override
    public synchronized List<Reply> list(Filter filter) {
        return byId.descendingMap().values().stream()
                .filter(r -> filter.before().map(b -> r.id() < b).orElse(true))
                .filter(r -> filter.state().map(s -> r.state() == s).orElse(true))
                .filter(r -> filter.agent().map(a -> r.agent().equals(a)).orElse(true))
                .filter(r -> filter.population().map(p -> r.population().equals(p)).orElse(true))
                .limit(filter.limit()).map(InMemoryReplyStore::copy).toList();
    }

    @Override
    public synchronized boolean decide(long id, State to, Optional<String> queueId, Instant at) {
        if (to == State.DRAFT) throw new IllegalArgumentException("a reply is decided to REJECTED or SENT, not DRAFT");
        Reply r = byId.get(id);
        if (r == null || r.state() != State.DRAFT) return false;
        byId.put(id, new Reply(r.id(), r.mailId(), r.agent(), r.population(), r.recipientHash(), r.threadId(), r.subject(), to,
                r.tokens(), r.content(), queueId.or(r::queueId), r.createdAt(), Optional.of(at)));
        return true;
    }

    @Override
    public synchronized ReplyCounts counts(String agent, String senderHash, String threadId, Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Instant midnight = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        List<Reply> spent = byId.values().stream().filter(r -> r.state() != State.REJECTED).toList();
        long senderLastHour = spent.stream().filter(r -> r.recipientHash().equals(senderHash) && r.createdAt().isAfter(hourAgo)).count();
        long allLastHour = spent.stream().filter(r -> r.createdAt().isAfter(hourAgo)).count();
        Optional<Instant> last = spent.stream().filter(r -> r.agent().equals(agent) && r.recipientHash().equals(senderHash))
                .map(Reply::createdAt).max(Instant::compareTo);
        long thread = spent.stream().filter(r -> r.threadId().equals(threadId)).count();
        // tokens were spent whatever became of the reply: rejected drafts count here too
        long tokens = byId.values().stream().filter(r -> !r.createdAt().isBefore(midnight)).mapToLong(Reply::tokens).sum();
        return new ReplyCounts(senderLastHour, allLastHour, last, thread, tokens);
    }

    /** Removes the replies {@code gone} selects (erasure); returns how many. */
    synchronized long removeIf(Predicate<Reply> gone) {
        List<Long> ids = byId.values().stream().filter(gone).map(Reply::id).toList();
        ids.forEach(byId::remove);
        return ids.size();
    }
}

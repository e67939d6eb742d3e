package net.azt3knet.adapters.desec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * deSEC's per-domain RRset write limits (2/s, 15/min, 100/h, 300/day; a bulk request counts once), kept on this side
 * so a long-running process waits its turn instead of collecting 429s — rejected writes count against the budget
 * too. The budget is per process; deSEC's own 429 with Retry-After covers writes made elsewhere.
 */
final class WriteBudget {

    /** One sliding window: at most {@code writes} within {@code span}. */
    record Window(Duration span, int writes) {
    }

    static final Window[] DESEC = {
        new Window(Duration.ofSeconds(1), 2), new Window(Duration.ofMinutes(1), 15),
        new Window(Duration.ofHours(1), 100), new Window(Duration.ofDays(1), 300)};

    private final Window[] windows;
    private final Clock clock;
    private final Map<String, Deque<Instant>> sent = new HashMap<>();

    WriteBudget(Clock clock, Window... windows) {
        this.clock = clock;
        this.windows = windows.clone();
    }

    /** How long to wait before a write to {@code domain} fits every window; zero when it fits now. */
    synchronized Duration waitFor(String domain) {
        Deque<Instant> times = sent.computeIfAbsent(domain, d -> new ArrayDeque<>());
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (Window w : windows) {
            Instant since = now.minus(w.span());
            // the write that must leave the window before one more fits: the writes-th newest
            int inWindow = 0;
            Instant oldestCounted = null;
            for (var it = times.descendingIterator(); it.hasNext(); ) {
                Instant t = it.next();
                if (!t.isAfter(since)) break;
                if (++inWindow == w.writes()) oldestCounted = t;
            }
            if (oldestCounted != null) {
                Duration wait = Duration.between(now, oldestCounted.plus(w.span()));
                if (wait.compareTo(longest) > 0) longest = wait;
            }
        }
        return longest;
    }

    /** Records a write to {@code domain} now; times older than the longest window are forgotten. */
    synchronized void spent(String domain) {
        Deque<Instant> times = sent.computeIfAbsent(domain, d -> new ArrayDeque<>());
        Instant now = clock.instant();
        times.addLast(now);
        Duration longest = Duration.ZERO;
        for (Window w : windows) if (w.span().compareTo(longest) > 0) longest = w.span();
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(longest))) times.removeFirst();
    }
}

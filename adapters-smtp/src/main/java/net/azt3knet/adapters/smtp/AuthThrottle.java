package net.azt3knet.adapters.smtp;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address over a sliding window. An address over the limit is refused at connect and every
 * AUTH it still sends fails without the password being checked, so guessing gets nowhere and learns nothing.
 */
final class AuthThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final Map<InetAddress, Deque<Instant>> failures = new ConcurrentHashMap<>();

    AuthThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean blocked(InetAddress client) {
        Deque<Instant> f = failures.get(client);
        if (f == null) return false;
        synchronized (f) {
            expire(f);
            if (f.isEmpty()) failures.remove(client, f);
            return f.size() >= MAX_FAILURES;
        }
    }

    void failed(InetAddress client) {
        if (failures.size() > PRUNE_ABOVE) failures.keySet().forEach(this::blocked); // a scan from many addresses must not grow the map for ever
        Deque<Instant> f = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (f) {
            expire(f);
            f.addLast(clock.instant());
        }
    }

    private void expire(Deque<Instant> f) {
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!f.isEmpty() && !f.peekFirst().isAfter(cutoff)) f.removeFirst();
    }
}

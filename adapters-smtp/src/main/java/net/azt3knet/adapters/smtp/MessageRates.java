package net.azt3knet.adapters.smtp;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Messages per key (an authenticated user, an envelope sender) in fixed windows: one Failsafe bursty
 * {@link RateLimiter} per key, whose window starts with the key's first message. Keys idle for a whole period are
 * dropped once there are many (their window has renewed, so nothing is forgotten that still counts), and no more than
 * {@link #MAX_KEYS} are tracked at once (senders of unauthenticated sessions are the client's to invent).
 */
final class MessageRates {

    private static final int PRUNE_ABOVE = 10_000;
    /** About 30 MB of windows at most: beyond, a new key goes uncounted until others age out (memory before precision). */
    static final int MAX_KEYS = 100_000;
    private static final long PRUNE_EVERY_NANOS = 1_000_000_000L; // many busy keys must not cost a scan per message

    private final SmtpServerSettings.Rate rate;
    private final long periodNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile long prunedAt = System.nanoTime() - PRUNE_EVERY_NANOS;

    private static final class Window {
        final long startedAt = System.nanoTime(); // the limiter's own stopwatch starts with it
        final RateLimiter<Object> limiter;
        volatile long lastUsed = startedAt;

        Window(SmtpServerSettings.Rate rate) {
            limiter = RateLimiter.burstyBuilder(rate.messages(), rate.period()).build();
        }
    }

    MessageRates(SmtpServerSettings.Rate rate) {
        this.rate = rate;
        this.periodNanos = rate.period().toNanos();
    }

    SmtpServerSettings.Rate rate() {
        return rate;
    }

    /** Empty when {@code key} may send one more message now (it is counted), else how long until its window renews. */
    Optional<Duration> take(String key) {
        long now = System.nanoTime();
        if (windows.size() > PRUNE_ABOVE && now - prunedAt > PRUNE_EVERY_NANOS) {
            prunedAt = now;
            windows.values().removeIf(w -> now - w.lastUsed > periodNanos);
        }
        Window w = windows.get(key);
        if (w == null) {
            if (windows.size() >= MAX_KEYS) return Optional.empty();
            w = windows.computeIfAbsent(key, k -> new Window(rate));
        }
        w.lastUsed = now;
        if (w.limiter.tryAcquirePermit()) return Optional.empty();
        return Optional.of(Duration.ofNanos(periodNanos - Math.floorMod(now - w.startedAt, periodNanos)));
    }

    int keys() {
        return windows.size();
    }

    /** The hint in a refusal: whole seconds, rounded up, at least 1. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}

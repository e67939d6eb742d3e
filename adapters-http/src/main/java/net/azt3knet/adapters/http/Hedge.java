package net.azt3knet.adapters.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Hedged requests ("The Tail at Scale", Dean and Barroso, 2013): an attempt that takes much longer than this
 * provider's answers usually do is most likely stalled, and waiting for its timeout (30 s as operators run it) holds
 * a worker — or, for the reads a run makes one after another, the whole run — for nothing. After the hedge delay:
 * <ul>
 *   <li>a read (GET) is sent a second time and the first answer wins;</li>
 *   <li>a create with a read-back asks whether the object exists now; if it does, that is the result;</li>
 *   <li>any other write just waits: sending it twice is not safe.</li>
 * </ul>
 * The delay follows the provider's answers as TCP's retransmission timer does (RFC 6298: smoothed latency plus four
 * deviations), at least {@link #FLOOR} and at most half the timeout. Failsafe has no hedging policy, hence this class.
 * The attempt left behind runs on to its answer or its timeout on a virtual thread and is ignored.
 */
final class Hedge {

    /** RFC 6298's lower bound for a retransmission timer: below it, normal jitter would send many reads twice. */
    static final Duration FLOOR = Duration.ofSeconds(1);

    private static final ExecutorService ATTEMPTS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("provider-attempt-", 0).factory());

    private final long maxNanos;
    private final long floorNanos;
    private double smoothed = -1; // nanos; negative until the first answer
    private double deviation;

    Hedge(Duration timeout) {
        this(timeout, FLOOR);
    }

    Hedge(Duration timeout, Duration floor) {
        this.maxNanos = timeout.toNanos() / 2;
        this.floorNanos = Math.min(floor.toNanos(), maxNanos);
    }

    /** How long an attempt runs before it is hedged. */
    synchronized Duration delay() {
        long d = smoothed < 0 ? floorNanos : (long) (smoothed + 4 * deviation);
        return Duration.ofNanos(Math.max(floorNanos, Math.min(maxNanos, d)));
    }

    /** An answer arrived after {@code nanos}. */
    synchronized void answered(long nanos) {
        if (smoothed < 0) {
            smoothed = nanos;
            deviation = nanos / 2.0;
        } else {
            deviation = 0.75 * deviation + 0.25 * Math.abs(smoothed - nanos);
            smoothed = 0.875 * smoothed + 0.125 * nanos;
        }
    }

    /**
     * Runs {@code attempt}, hedged as the class describes.
     *
     * @param read     true for a request that may be sent twice (GET)
     * @param readBack for a create: whether the object exists now; null for none
     * @param permit   called before a second read is sent (the rate limiter's permit)
     */
    <T> T run(boolean read, Callable<T> attempt, Supplier<Optional<T>> readBack, Runnable permit) throws Exception {
        if (!read && readBack == null) return attempt.call();
        Future<T> first = ATTEMPTS.submit(attempt);
        try {
            return first.get(delay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            // hedged below
        } catch (ExecutionException e) {
            throw cause(e);
        } catch (InterruptedException e) {
            first.cancel(true);
            throw e;
        }
        try {
            if (!read) {
                Optional<T> there = readBack.get();
                if (there.isPresent()) {
                    first.cancel(true);
                    return there.get();
                }
                return first.get();
            }
            permit.run();
            return firstAnswer(first, ATTEMPTS.submit(attempt));
        } catch (ExecutionException e) {
            throw cause(e);
        } catch (InterruptedException e) {
            first.cancel(true);
            throw e;
        }
    }

    /** The first of two attempts to succeed; if both fail, the failure of the one that ended last. */
    private static <T> T firstAnswer(Future<T> a, Future<T> b) throws Exception {
        CompletableFuture<T> winner = new CompletableFuture<>();
        CompletableFuture<Void> both = CompletableFuture.allOf(watch(a, winner), watch(b, winner));
        try {
            CompletableFuture.anyOf(winner, both).get();
            if (winner.isDone()) return winner.get();
            return b.isDone() && !b.isCancelled() ? b.get() : a.get(); // both failed: rethrows
        } finally {
            a.cancel(true);
            b.cancel(true);
        }
    }

    private static <T> CompletableFuture<Void> watch(Future<T> f, CompletableFuture<T> winner) {
        return CompletableFuture.runAsync(() -> {
            try {
                winner.complete(f.get());
            } catch (Exception failed) {
                // the other attempt may still answer
            }
        }, ATTEMPTS);
    }

    private static Exception cause(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof Exception x) return x;
        if (c instanceof Error err) throw err;
        return e;
    }
}

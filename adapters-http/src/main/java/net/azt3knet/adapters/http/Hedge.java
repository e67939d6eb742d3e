package net.azt3knet.adapters.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Hedged requests ("The Tail at Scale", Dean and Barroso, 2013): an attempt that takes much longer than this
 * provider's answers usually do is most likely stalled, and waiting for its timeout (30 s as operators run it) holds
 * a worker — or, for the reads a run makes one after another, the whole run — for nothing. After the hedge delay:
 * <ul>
 *   <li>a read (GET) is sent again, up to three copies one hedge delay apart, and the first answer wins;</li>
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
    /** Copies of one read at most: with one request in 25 stalling, three all stalling is one in 15,000. */
    static final int COPIES = 3;

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
        if (read) return firstAnswer(attempt, permit);
        Future<T> first = ATTEMPTS.submit(attempt);
        try {
            try {
                return first.get(delay().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                Optional<T> there = readBack.get();
                if (there.isPresent()) {
                    first.cancel(true);
                    return there.get();
                }
                return first.get();
            }
        } catch (ExecutionException e) {
            throw cause(e);
        } catch (InterruptedException e) {
            first.cancel(true);
            throw e;
        }
    }

    /**
     * A read sent again each hedge delay while no copy has answered, up to {@link #COPIES} copies; the first answer
     * wins. If every copy fails, the failure of the last one to end.
     */
    private <T> T firstAnswer(Callable<T> attempt, Runnable permit) throws Exception {
        CompletableFuture<T> winner = new CompletableFuture<>();
        List<Future<?>> copies = new ArrayList<>(COPIES);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> last = new AtomicReference<>();
        try {
            while (true) {
                if (copies.size() < COPIES) {
                    if (!copies.isEmpty()) permit.run();
                    Future<?> copy = ATTEMPTS.submit(() -> {
                        try {
                            winner.complete(attempt.call());
                        } catch (Exception e) {
                            last.set(e);
                            failed.incrementAndGet();
                        } finally {
                            synchronized (copies) {
                                copies.notifyAll();
                            }
                        }
                        return null;
                    });
                    synchronized (copies) {
                        copies.add(copy);
                    }
                }
                boolean more = copies.size() < COPIES;
                long until = System.nanoTime() + delay().toNanos();
                synchronized (copies) {
                    while (!winner.isDone() && failed.get() < copies.size() && (!more || until - System.nanoTime() > 0)) {
                        long left = (until - System.nanoTime()) / 1_000_000;
                        copies.wait(more ? Math.max(1, left) : 0);
                    }
                }
                if (winner.isDone()) return winner.get();
                if (failed.get() == copies.size()) throw last.get(); // every copy so far failed: the retry policy decides
            }
        } catch (ExecutionException e) {
            throw cause(e);
        } finally {
            synchronized (copies) {
                copies.forEach(f -> f.cancel(true));
            }
        }
    }

    private static Exception cause(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof Exception x) return x;
        if (c instanceof Error err) throw err;
        return e;
    }
}

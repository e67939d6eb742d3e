package net.azt3knet.domain.generation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Queue;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.population.PopulationSpec;

/**
 * A spec ready to generate. Agents come out in index order and are byte-identical whatever the thread count:
 * workers draft agents in chunks, one thread numbers username bases in index order, workers finish (encode) the
 * chunks, and chunks are handed on in order. Memory stays bounded apart from the username index.
 */
public final class PreparedPopulation {

    /** Agents per unit of parallel work: small enough that a chunk is still in cache when it is encoded. */
    static final int CHUNK = 512;
    /** Finished chunks that may wait for a slow consumer. */
    static final int READY = 32;

    private final PopulationSpec spec;
    private final AgentFactory factory;
    private final DraftJson json;

    PreparedPopulation(PopulationSpec spec, AgentFactory factory) {
        this.spec = spec;
        this.factory = factory;
        this.json = new DraftJson(factory);
    }

    /** Turns a chunk of agents into output (bytes, rows, …); runs on worker threads. */
    @FunctionalInterface
    public interface ChunkEncoder<T> {
        T encode(List<AgentProfile> agents);
    }

    /** Receives encoded chunks in index order, on the calling thread. */
    @FunctionalInterface
    public interface ChunkConsumer<T> {
        void accept(T chunk, int agents);
    }

    /** How {@link #generateCanonical} lays agents out. */
    public enum CanonicalLayout {
        /** One canonical JSON object per line ({@link CanonicalJson#appendLine}). */
        NDJSON,
        /** Elements of a JSON array: {@code \n} before the first object, {@code ,\n} before the others. */
        JSON_ARRAY_ELEMENTS
    }

    /** The spec this population was prepared from. */
    public PopulationSpec spec() {
        return spec;
    }

    /** All agents, lazily, in index order, on the calling thread. */
    public Stream<AgentProfile> stream() {
        return stream(spec.count());
    }

    /** The first {@code limit} agents (at most the spec's count), lazily, in index order. */
    public Stream<AgentProfile> stream(long limit) {
        long n = Math.min(limit, spec.count());
        Iterator<AgentProfile> it = new Iterator<>() {
            private final UsernameRegistry usernames = new UsernameRegistry(n);
            private final AgentFactory.Worker worker = factory.worker();
            private long next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public AgentProfile next() {
                if (next >= n) throw new NoSuchElementException();
                AgentDraft d = factory.draft(next++, worker);
                d.occurrence = usernames.next(d.hintHash);
                return factory.complete(d);
            }
        };
        int characteristics = Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE | Spliterator.DISTINCT;
        return StreamSupport.stream(Spliterators.spliterator(it, n, characteristics), false);
    }

    /**
     * Generates the first {@code limit} agents (at most the spec's count) on {@code threads} threads: chunks are
     * encoded by {@code encoder} on workers and passed to {@code consumer} in index order.
     *
     * @return the number of agents generated
     */
    public <T> long generate(long limit, int threads, ChunkEncoder<T> encoder, ChunkConsumer<T> consumer) {
        return run(limit, threads, drafts -> {
            List<AgentProfile> agents = new ArrayList<>(drafts.length);
            for (AgentDraft d : drafts) agents.add(factory.complete(d));
            return encoder.encode(agents);
        }, consumer);
    }

    /**
     * Generates the first {@code limit} agents as canonical JSON, chunk by chunk in index order: the same bytes
     * {@link CanonicalJson} writes for each agent, made without building the agents' strings (the fast path for
     * bulk output). Chunk buffers are reused: {@code consumer} must be done with a chunk when it returns.
     *
     * @return the number of agents generated
     */
    public long generateCanonical(long limit, int threads, CanonicalLayout layout, ChunkConsumer<ByteBuilder> consumer) {
        // Output buffers are recycled once the consumer has returned: it must not keep a chunk after accept().
        Queue<ByteBuilder> buffers = new ConcurrentLinkedQueue<>();
        return run(limit, threads, drafts -> {
            ByteBuilder out = buffers.poll();
            if (out == null) out = new ByteBuilder(drafts.length * 832); // grows if needed; small for small previews
            out.clear();
            for (AgentDraft d : drafts) {
                if (layout == CanonicalLayout.JSON_ARRAY_ELEMENTS) out.ascii(d.index == 0 ? "\n" : ",\n");
                json.append(d, out);
                if (layout == CanonicalLayout.NDJSON) out.append('\n');
            }
            return out;
        }, (chunk, agents) -> {
            consumer.accept(chunk, agents);
            buffers.add(chunk);
        });
    }

    private <T> long run(long limit, int threads, Function<AgentDraft[], T> finish, ChunkConsumer<T> consumer) {
        long n = Math.min(limit, spec.count());
        int chunks = (int) ((n + CHUNK - 1) / CHUNK);
        UsernameRegistry usernames = new UsernameRegistry(n);
        // Drafts are refilled once their chunk is finished, so generation allocates almost nothing per agent.
        Queue<AgentDraft[]> spare = new ConcurrentLinkedQueue<>();
        Function<AgentDraft[], T> finishAndRecycle = drafts -> {
            T result = finish.apply(drafts);
            if (drafts.length == CHUNK) spare.add(drafts);
            return result;
        };
        if (threads <= 1 || chunks <= 1) { // one chunk: a thread pool would cost more than the work (small previews)
            AgentFactory.Worker worker = factory.worker();
            for (int c = 0; c < chunks; c++) {
                AgentDraft[] drafts = drafts(c, n, worker, spare);
                number(drafts, usernames);
                consumer.accept(finishAndRecycle.apply(drafts), drafts.length);
            }
            return n;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "azt3knet-generator");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<AgentFactory.Worker> workers = ThreadLocal.withInitial(factory::worker);
        int window = threads * 4;
        // Numbering runs on its own thread, so a consumer that blocks (a full pipe, a slow disk) does not stop
        // chunks being numbered and handed to the workers: writing overlaps generation instead of pausing it. Up to
        // READY chunks (~12 MB of JSON) wait for the consumer, enough to ride out a reader's or a disk's pauses.
        BlockingQueue<Pending<T>> ready = new ArrayBlockingQueue<>(Math.max(window, READY));
        Thread numbering = new Thread(() -> {
            try {
                ArrayDeque<Future<AgentDraft[]>> drafting = new ArrayDeque<>();
                int submitted = 0;
                for (; submitted < chunks && submitted < window; submitted++) {
                    int c = submitted;
                    drafting.add(pool.submit(() -> drafts(c, n, workers.get(), spare)));
                }
                for (int c = 0; c < chunks; c++) {
                    AgentDraft[] drafts = await(drafting.poll());
                    if (submitted < chunks) {
                        int next = submitted++;
                        drafting.add(pool.submit(() -> drafts(next, n, workers.get(), spare)));
                    }
                    number(drafts, usernames);
                    ready.put(new Pending<>(pool.submit(() -> finishAndRecycle.apply(drafts)), drafts.length));
                }
            } catch (InterruptedException | RejectedExecutionException e) {
                // the consumer stopped (it failed, or the reader went away): nothing more is wanted
            } catch (Throwable t) {
                try {
                    ready.put(new Pending<>(CompletableFuture.failedFuture(t), 0)); // rethrown on the calling thread
                } catch (InterruptedException stopped) {
                    // the consumer stopped first
                }
            }
        }, "azt3knet-numbering");
        numbering.setDaemon(true);
        numbering.start();
        try {
            for (int c = 0; c < chunks; c++) {
                Pending<T> p = ready.take();
                consumer.accept(await(p.chunk()), p.agents());
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("generation interrupted", e);
        } finally {
            numbering.interrupt();
            pool.shutdownNow();
        }
    }

    /** A chunk being finished by a worker, in index order. */
    private record Pending<T>(Future<T> chunk, int agents) {
    }

    private AgentDraft[] drafts(int chunk, long n, AgentFactory.Worker worker, Queue<AgentDraft[]> spare) {
        long from = (long) chunk * CHUNK;
        int size = (int) Math.min(CHUNK, n - from);
        AgentDraft[] drafts = size == CHUNK ? spare.poll() : null;
        if (drafts == null) {
            drafts = new AgentDraft[size];
            for (int i = 0; i < size; i++) drafts[i] = new AgentDraft();
        }
        for (int i = 0; i < size; i++) factory.draft(from + i, worker, drafts[i]);
        return drafts;
    }

    /** Numbers username bases in index order: the only step that depends on earlier agents. */
    private static void number(AgentDraft[] drafts, UsernameRegistry usernames) {
        for (AgentDraft d : drafts) d.occurrence = usernames.next(d.hintHash);
    }

    private static <V> V await(Future<V> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("generation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }
}

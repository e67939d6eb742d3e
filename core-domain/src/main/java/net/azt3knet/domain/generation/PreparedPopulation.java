package net.azt3knet.domain.generation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.population.PopulationSpec;

/**
 * A spec ready to generate. Agents come out in index order and are byte-identical whatever the thread count:
 * workers make agents in chunks, one thread assigns usernames in index order, workers encode, and chunks are
 * handed on in order. Memory stays bounded apart from the username index.
 */
public final class PreparedPopulation {

    /** Agents per unit of parallel work. */
    static final int CHUNK = 2048;

    private final PopulationSpec spec;
    private final AgentFactory factory;

    PreparedPopulation(PopulationSpec spec, AgentFactory factory) {
        this.spec = spec;
        this.factory = factory;
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
            private final AgentFactory.Worker worker = new AgentFactory.Worker();
            private long next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public AgentProfile next() {
                if (next >= n) throw new NoSuchElementException();
                AgentDraft d = factory.draft(next++, worker);
                return factory.complete(d, usernames.next(d.usernameHint, d.usernameHash));
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
        long n = Math.min(limit, spec.count());
        int chunks = (int) ((n + CHUNK - 1) / CHUNK);
        UsernameRegistry usernames = new UsernameRegistry(n);
        if (threads <= 1) {
            AgentFactory.Worker worker = new AgentFactory.Worker();
            for (int c = 0; c < chunks; c++) {
                List<AgentProfile> agents = complete(drafts(c, n, worker), usernames);
                consumer.accept(encoder.encode(agents), agents.size());
            }
            return n;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "azt3knet-generator");
            t.setDaemon(true);
            return t;
        });
        try {
            int window = threads * 3;
            ArrayDeque<Future<AgentDraft[]>> drafting = new ArrayDeque<>();
            ArrayDeque<Future<T>> encoding = new ArrayDeque<>();
            ArrayDeque<Integer> sizes = new ArrayDeque<>();
            int submitted = 0;
            for (; submitted < chunks && submitted < window; submitted++) drafting.add(pool.submit(draftTask(submitted, n)));
            for (int c = 0; c < chunks; c++) {
                AgentDraft[] drafts = await(drafting.poll());
                if (submitted < chunks) drafting.add(pool.submit(draftTask(submitted++, n)));
                List<AgentProfile> agents = complete(drafts, usernames);
                encoding.add(pool.submit(() -> encoder.encode(agents)));
                sizes.add(agents.size());
                while (!encoding.isEmpty() && (encoding.peek().isDone() || encoding.size() > window)) {
                    consumer.accept(await(encoding.poll()), sizes.poll());
                }
            }
            while (!encoding.isEmpty()) consumer.accept(await(encoding.poll()), sizes.poll());
            return n;
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<AgentDraft[]> draftTask(int chunk, long n) {
        return () -> drafts(chunk, n, new AgentFactory.Worker());
    }

    private AgentDraft[] drafts(int chunk, long n, AgentFactory.Worker worker) {
        long from = (long) chunk * CHUNK;
        int size = (int) Math.min(CHUNK, n - from);
        AgentDraft[] drafts = new AgentDraft[size];
        for (int i = 0; i < size; i++) drafts[i] = factory.draft(from + i, worker);
        return drafts;
    }

    private List<AgentProfile> complete(AgentDraft[] drafts, UsernameRegistry usernames) {
        List<AgentProfile> agents = new ArrayList<>(drafts.length);
        for (AgentDraft d : drafts) agents.add(factory.complete(d, usernames.next(d.usernameHint, d.usernameHash)));
        return agents;
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

package net.azt3knet.ports.out.store;

import java.util.List;

/** Produces a population's agents, in index order and in batches, into the sink a store opens for them. */
@FunctionalInterface
public interface AgentFeed {

    /** Writes every agent into {@code sink}; an exception aborts the whole save. */
    void feed(Sink sink);

    /** Where a feed writes. */
    @FunctionalInterface
    interface Sink {
        /** Accepts the next batch, in index order. */
        void accept(List<AgentRecord> batch);
    }
}

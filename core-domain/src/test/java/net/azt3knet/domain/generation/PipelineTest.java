package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.azt3knet.domain.population.PopulationSpec;
import org.junit.jupiter.api.Test;

/** How parallel generation hands chunks to a consumer that writes them: overlap, order, failures. */
class PipelineTest {

    private static final int CHUNKS = 40;
    private static final PreparedPopulation POPULATION =
            PopulationGenerator.create().prepare(PopulationSpec.of(CHUNKS * PreparedPopulation.CHUNK, "pipeline"));

    @Test
    void workersKeepFinishingChunksWhileTheConsumerIsBlocked() {
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger seenWhileBlocked = new AtomicInteger(-1);
        AtomicLong agents = new AtomicLong();
        POPULATION.generate(Long.MAX_VALUE, 2, chunk -> {
            finished.incrementAndGet();
            return chunk.getFirst().index();
        }, (first, n) -> {
            if (seenWhileBlocked.get() < 0) { // the first write blocks, as on a full pipe
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (finished.get() < PreparedPopulation.READY && System.nanoTime() < until) Thread.onSpinWait();
                seenWhileBlocked.set(finished.get());
            }
            assertThat(first).isEqualTo(agents.get()); // still in index order
            agents.addAndGet(n);
        });
        assertThat(seenWhileBlocked.get()).as("chunks finished while the first was being written").isGreaterThanOrEqualTo(PreparedPopulation.READY);
        assertThat(agents.get()).isEqualTo((long) CHUNKS * PreparedPopulation.CHUNK);
    }

    @Test
    void aFailingConsumerStopsTheRunWithItsOwnException() {
        AtomicInteger accepted = new AtomicInteger();
        assertThatThrownBy(() -> POPULATION.generate(Long.MAX_VALUE, 2, chunk -> chunk.size(), (chunk, n) -> {
            if (accepted.incrementAndGet() == 3) throw new IllegalStateException("the reader went away");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the reader went away");
        assertThat(accepted.get()).isEqualTo(3);
    }

    @Test
    void aFailingEncoderReachesTheCaller() {
        assertThatThrownBy(() -> POPULATION.generate(Long.MAX_VALUE, 2, chunk -> {
            if (chunk.getFirst().index() >= 5L * PreparedPopulation.CHUNK) throw new IllegalArgumentException("encoder failed");
            return chunk.size();
        }, (chunk, n) -> { })).isInstanceOf(IllegalArgumentException.class).hasMessage("encoder failed");
    }
}

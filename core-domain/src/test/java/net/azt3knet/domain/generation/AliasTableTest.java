package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AliasTableTest {

    @Test
    void drawsFollowTheWeightsAndNeverPickAZeroWeight() {
        AliasTable table = AliasTable.of(new double[] {5, 0, 3, 2});
        int[] counts = new int[4];
        long state = 1;
        for (int i = 0; i < 200_000; i++) {
            state = Keys.next(state);
            counts[table.draw(Keys.mix(state))]++;
        }
        assertThat(counts[1]).isZero();
        assertThat(counts[0] / 200_000.0).isCloseTo(0.5, within(0.01));
        assertThat(counts[2] / 200_000.0).isCloseTo(0.3, within(0.01));
        assertThat(counts[3] / 200_000.0).isCloseTo(0.2, within(0.01));
    }

    @Test
    void rejectsTablesWithoutAPositiveWeight() {
        assertThatThrownBy(() -> AliasTable.of(new double[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AliasTable.of(new double[] {1, Double.NaN})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void floydPicksDistinctIndexes() {
        Draws d = new Draws();
        for (long k = 0; k < 1000; k++) {
            int[] picked = new int[3];
            AgentFactory.distinct(d.of(k, 1), 5, 3, picked);
            assertThat(picked).doesNotHaveDuplicates();
            assertThat(java.util.Arrays.stream(picked).allMatch(i -> i >= 0 && i < 5)).isTrue();
        }
    }
}

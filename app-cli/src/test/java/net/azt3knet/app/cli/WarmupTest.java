package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void warmsUpOnlyForLargePopulations() {
        assertThat(Warmup.worthIt(new String[] {"populate", "--count", "1000000", "--seed", "42"})).isTrue();
        assertThat(Warmup.worthIt(new String[] {"populate", "--seed", "42", "--count=500000"})).isTrue();
        assertThat(Warmup.worthIt(new String[] {"populate", "--count", "10"})).isFalse();
        assertThat(Warmup.worthIt(new String[] {"populate", "--count", "1000000", "--preview", "5"})).isFalse();
        assertThat(Warmup.worthIt(new String[] {"populate", "--count", "abc"})).isFalse();
        assertThat(Warmup.worthIt(new String[] {"populate", "--spec", "spec.json"})).isFalse();
        assertThat(Warmup.worthIt(new String[] {"--version"})).isFalse();
        assertThat(Warmup.worthIt(new String[0])).isFalse();
    }
}

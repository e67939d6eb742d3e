package net.azt3knet.adapters.desec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {

    static final class Hand extends Clock {
        Instant now = Instant.parse("2026-11-21T00:00:00Z");

        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    @Test
    void desecsFourWindowsAllHold() {
        Hand clock = new Hand();
        WriteBudget b = new WriteBudget(clock, WriteBudget.DESEC);
        b.spent("z");
        b.spent("z");
        assertThat(b.waitFor("z")).as("2 per second").isEqualTo(Duration.ofSeconds(1));
        assertThat(b.waitFor("other")).as("per domain").isZero();
        for (int i = 0; i < 13; i++) {
            clock.now = clock.now.plusSeconds(1);
            b.spent("z");
        }
        clock.now = clock.now.plusSeconds(1);
        assertThat(b.waitFor("z")).as("15 per minute: the first leaves the window 60 s after it was sent")
                .isEqualTo(Duration.ofSeconds(46));
        for (int i = 0; i < 85; i++) {
            clock.now = clock.now.plusSeconds(30);
            b.spent("z");
        }
        assertThat(b.waitFor("z").toMinutes()).as("100 per hour").isGreaterThan(0);
        clock.now = clock.now.plus(Duration.ofDays(1));
        assertThat(b.waitFor("z")).isZero();
    }
}

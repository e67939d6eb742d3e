package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.azt3knet.adapters.smtp.SmtpServerSettings.Rate;
import org.junit.jupiter.api.Test;

/** Fixed windows per key on Failsafe's bursty limiter: the count, the hint, and memory that stays bounded. */
class MessageRatesTest {

    private static void idle(Duration d) {
        long since = System.nanoTime();
        while (System.nanoTime() - since < d.toNanos()) Thread.onSpinWait();
    }

    @Test
    void eachKeyHasItsOwnWindowAndTheRefusalSaysWhenItRenews() {
        MessageRates rates = new MessageRates(new Rate(2, Duration.ofHours(1)));
        assertThat(rates.take("a")).isEmpty();
        assertThat(rates.take("a")).isEmpty();
        assertThat(rates.take("b")).as("another key").isEmpty();
        Duration wait = rates.take("a").orElseThrow();
        assertThat(wait).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(rates.take("a")).as("a refusal does not use up anything, it stays refused").isPresent();
    }

    @Test
    void aWindowRenewsWithAllItsMessages() {
        MessageRates rates = new MessageRates(new Rate(1, Duration.ofSeconds(1)));
        assertThat(rates.take("a")).isEmpty();
        assertThat(rates.take("a")).isPresent();
        idle(Duration.ofMillis(1_050));
        assertThat(rates.take("a")).isEmpty();
    }

    @Test
    void onlyWhatStillCountsIsKeptOnceThereAreManyKeys() {
        MessageRates rates = new MessageRates(new Rate(1, Duration.ofSeconds(2))); // 2 s: room for a slow machine to fill it
        for (int i = 0; i < 10_001; i++) assertThat(rates.take("s" + i + "@example.org")).isEmpty();
        assertThat(rates.take("s0@example.org")).as("still within its window: kept").isPresent();
        idle(Duration.ofMillis(2_100));
        assertThat(rates.take("new@example.org")).isEmpty();
        assertThat(rates.keys()).as("the idle windows are dropped, the new one kept").isEqualTo(1);
    }

    @Test
    void beyondTheMostKeysTrackedANewKeyIsNotCountedAndMemoryStaysBounded() {
        MessageRates rates = new MessageRates(new Rate(1, Duration.ofHours(1)));
        for (int i = 0; i < MessageRates.MAX_KEYS; i++) rates.take("s" + i);
        assertThat(rates.take("one-more")).isEmpty();
        assertThat(rates.take("one-more")).as("not tracked, so not refused").isEmpty();
        assertThat(rates.keys()).isEqualTo(MessageRates.MAX_KEYS);
        assertThat(rates.take("s0")).as("the tracked keys still count").isPresent();
    }
}

package net.azt3knet.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The toolkit's arithmetic: full-jitter bounds and Retry-After parsing. */
class ProviderHttpTest {

    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(5);

    @Test
    void fullJitterStaysWithinZeroAndTheCappedExponentialBackoff() {
        RandomGenerator random = new SplittableRandom(42);
        for (int attempt = 1; attempt <= 40; attempt++) {
            long ceiling = Math.min(CAP.toMillis(), 200L << Math.min(attempt - 1, 16));
            for (int i = 0; i < 2_000; i++) {
                assertThat(ProviderHttp.fullJitter(FIRST, CAP, attempt, random).toMillis()).isBetween(0L, ceiling);
            }
        }
    }

    @Test
    void fullJitterUsesTheWholeRangeNotJustItsUpperHalf() {
        RandomGenerator random = new SplittableRandom(7);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long d = ProviderHttp.fullJitter(FIRST, CAP, 3, random).toMillis(); // ceiling 800 ms
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        // "equal jitter" (half fixed, half random) would never go below 400 ms
        assertThat(min).isLessThan(40);
        assertThat(max).isGreaterThan(760);
    }

    @Test
    void fullJitterReachesBothEnds() {
        assertThat(ProviderHttp.fullJitter(FIRST, CAP, 2, fixed(0))).isEqualTo(Duration.ZERO);
        assertThat(ProviderHttp.fullJitter(FIRST, CAP, 2, fixed(Long.MAX_VALUE))).isEqualTo(Duration.ofMillis(400));
        assertThat(ProviderHttp.fullJitter(FIRST, CAP, 30, fixed(Long.MAX_VALUE))).isEqualTo(CAP);
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(ProviderHttp.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(ProviderHttp.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(ProviderHttp.retryAfter("-5")).isEqualTo(Duration.ZERO);
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(61));
        assertThat(ProviderHttp.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(58), Duration.ofSeconds(61));
        assertThat(ProviderHttp.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ProviderHttp.retryAfter("soon")).isNull();
        assertThat(ProviderHttp.retryAfter(null)).isNull();
        assertThat(ProviderHttp.retryAfter("")).isNull();
    }

    @Test
    void segmentsKeepAddressesReadable() {
        assertThat(ProviderHttp.segment("ana.lopez@agents.example.org")).isEqualTo("ana.lopez@agents.example.org");
        assertThat(ProviderHttp.segment("a b/c?d")).isEqualTo("a%20b%2Fc%3Fd");
    }

    @Test
    void theLinkHeaderGivesTheTargetOfARelation() {
        ProviderHttp.Reply r = new ProviderHttp.Reply(200, "", null,
                "<https://desec.io/api/v1/domains/x/rrsets/?cursor=>; rel=\"first\", <https://desec.io/api/v1/domains/x/rrsets/?cursor=abc>; rel=\"next\"",
                "application/json");
        assertThat(r.linked("next")).isEqualTo("https://desec.io/api/v1/domains/x/rrsets/?cursor=abc");
        assertThat(r.linked("prev")).isNull();
    }

    /** A generator whose bounded draws are all at one end. */
    private static RandomGenerator fixed(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public long nextLong(long bound) {
                return value == 0 ? 0 : bound - 1;
            }
        };
    }
}

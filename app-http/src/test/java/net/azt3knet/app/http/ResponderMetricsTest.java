package net.azt3knet.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.azt3knet.app.wiring.ResponderEvents;
import net.azt3knet.domain.responder.FilterReason;
import net.azt3knet.testkit.fakes.InMemoryJobQueue;
import org.junit.jupiter.api.Test;

/** The responder's meters as Prometheus shows them, fed through the forwarder the workers report to. */
class ResponderMetricsTest {

    @Test
    void decisionsRepliesTimesTokensAndErrorsAreMetered() {
        Jobs jobs = new Jobs(new InMemoryJobQueue(java.time.Clock.systemUTC()), 1, java.nio.file.Path.of("."), Failures::problem);
        ResponderEvents events = new ResponderEvents();
        events.decided(FilterReason.SPAM); // before anyone observes: dropped, never a failure
        try (Metrics metrics = new Metrics(jobs)) {
            assertThat(metrics.scrape()).as("zeros before the first event")
                    .contains("azt3knet_responder_messages_total{outcome=\"mailing-list\"} 0.0")
                    .contains("azt3knet_responder_replies_total{mode=\"sent\"} 0.0");
            events.observe(metrics);
            events.decided(FilterReason.MAILING_LIST);
            events.decided(FilterReason.ANSWER);
            for (int i = 1; i <= 20; i++) events.replied(Duration.ofMillis(100L * i), Duration.ofMillis(200), 320, i % 2 == 0);
            events.failed("model", true);
            String text = metrics.scrape();
            assertThat(text).contains("azt3knet_responder_messages_total{outcome=\"mailing-list\"} 1.0")
                    .contains("azt3knet_responder_messages_total{outcome=\"answer\"} 1.0")
                    .contains("azt3knet_responder_messages_total{outcome=\"spam\"} 0.0")
                    .contains("azt3knet_responder_replies_total{mode=\"sent\"} 10.0")
                    .contains("azt3knet_responder_replies_total{mode=\"draft\"} 10.0")
                    .contains("azt3knet_responder_tokens_total 6400.0")
                    .contains("azt3knet_responder_errors_total{retried=\"true\",stage=\"model\"} 1.0")
                    .contains("azt3knet_responder_response_seconds_count 20")
                    .contains("azt3knet_responder_response_seconds{quantile=\"0.95\"}")
                    .contains("azt3knet_responder_model_seconds_count 20");
            assertThat(text).contains("azt3knet_responder_imap_mailboxes{mode=\"idle\"} 0.0");
            java.util.concurrent.atomic.AtomicInteger idle = new java.util.concurrent.atomic.AtomicInteger(3);
            events.intake(idle::get, () -> 7);
            idle.set(5);
            assertThat(metrics.scrape()).as("read when scraped").contains("azt3knet_responder_imap_mailboxes{mode=\"idle\"} 5.0")
                    .contains("azt3knet_responder_imap_mailboxes{mode=\"polled\"} 7.0");
            events.observe(null);
            events.decided(FilterReason.ANSWER);
            assertThat(metrics.scrape()).contains("azt3knet_responder_messages_total{outcome=\"answer\"} 1.0");
        }
    }
}

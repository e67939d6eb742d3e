package net.azt3knet.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The gateway's /readyz check: DOWN when the spool does not answer, DEGRADED when every delivery it relays through is down. */
class ReadinessTest {

    private final AtomicBoolean smarthostUp = new AtomicBoolean(true);
    private final AtomicBoolean mailjetUp = new AtomicBoolean(true);
    private final AtomicBoolean spoolUp = new AtomicBoolean(true);

    private Readiness readiness() {
        Map<String, Readiness.Probe> probes = new LinkedHashMap<>();
        probes.put("database", () -> null);
        probes.put("delivery:smarthost", () -> {
            if (!smarthostUp.get()) throw new IllegalStateException("cannot reach smarthost 127.0.0.1:2525: Connection refused");
            return null;
        });
        probes.put("delivery:mailjet-send", () -> {
            if (!mailjetUp.get()) throw new IllegalStateException("Mailjet at http://127.0.0.1:1 answered HTTP 500 to a sender list");
            return null;
        });
        probes.put("smtp", () -> {
            if (!spoolUp.get()) throw new IllegalStateException("the spool does not answer: connection refused");
            return null;
        });
        // no cache: each report probes again
        return new Readiness(probes, List.of("delivery:smarthost", "delivery:mailjet-send"), Duration.ZERO, Duration.ofSeconds(3),
                Clock.systemUTC());
    }

    private static Readiness.Check smtp(Readiness.Report r) {
        return r.checks().stream().filter(c -> c.integration().equals("smtp")).findFirst().orElseThrow();
    }

    @Test
    void oneRouteDownLeavesTheGatewayReadyEveryRouteDownDegradesItAndSaysWhy() {
        try (Readiness r = readiness()) {
            assertThat(r.report().status()).isEqualTo(Readiness.Status.READY);
            smarthostUp.set(false);
            Readiness.Report one = r.report();
            assertThat(smtp(one).status()).isEqualTo(Readiness.Status.READY);
            assertThat(one.status()).isEqualTo(Readiness.Status.DEGRADED); // the smarthost's own check is DOWN
            mailjetUp.set(false);
            Readiness.Check all = smtp(r.report());
            assertThat(all.status()).isEqualTo(Readiness.Status.DEGRADED);
            assertThat(all.reason()).startsWith("every mail delivery route is down (delivery:smarthost: cannot reach smarthost")
                    .contains("delivery:mailjet-send: Mailjet at").endsWith("): accepted mail waits in the spool");
        }
    }

    @Test
    void aSpoolThatDoesNotAnswerIsDownAndTheWholeDegraded() {
        try (Readiness r = readiness()) {
            spoolUp.set(false);
            Readiness.Report report = r.report();
            assertThat(smtp(report).status()).isEqualTo(Readiness.Status.DOWN);
            assertThat(smtp(report).reason()).isEqualTo("the spool does not answer: connection refused");
            assertThat(report.status()).isEqualTo(Readiness.Status.DEGRADED);
        }
    }

    @Test
    void theResponderIsDownWhenItsQueueDoesNotAnswerAndDegradedWhileTheModelServerIsDown() {
        AtomicBoolean queueUp = new AtomicBoolean(true);
        AtomicBoolean modelUp = new AtomicBoolean(true);
        Map<String, Readiness.Probe> probes = new LinkedHashMap<>();
        probes.put("database", () -> null);
        probes.put("model:llm", () -> {
            if (!modelUp.get()) throw new IllegalStateException("model server at http://127.0.0.1:1 does not answer");
            return null;
        });
        probes.put(Readiness.RESPONDER, () -> {
            if (!queueUp.get()) throw new IllegalStateException("the responder's queue does not answer: connection refused");
            return null;
        });
        try (Readiness r = new Readiness(probes, List.of(), List.of("model:llm"), Duration.ZERO, Duration.ofSeconds(3), Clock.systemUTC())) {
            assertThat(check(r.report(), Readiness.RESPONDER).status()).isEqualTo(Readiness.Status.READY);
            modelUp.set(false);
            Readiness.Check degraded = check(r.report(), Readiness.RESPONDER);
            assertThat(degraded.status()).isEqualTo(Readiness.Status.DEGRADED);
            assertThat(degraded.reason()).contains("model:llm: model server at", "received mail waits in the queue");
            queueUp.set(false);
            Readiness.Report down = r.report();
            assertThat(check(down, Readiness.RESPONDER).status()).isEqualTo(Readiness.Status.DOWN);
            assertThat(down.status()).as("only the database takes the whole down").isEqualTo(Readiness.Status.DEGRADED);
        }
    }

    @Test
    void aMailIntakeIsCheckedUnderItsOwnPrefix() {
        assertThat(Readiness.key(net.azt3knet.ports.out.integration.IntegrationKind.MAIL_INTAKE, "imap")).isEqualTo("intake:imap");
    }

    private static Readiness.Check check(Readiness.Report r, String name) {
        return r.checks().stream().filter(c -> c.integration().equals(name)).findFirst().orElseThrow();
    }
}

package net.azt3knet.adapters.mailjet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.application.ProvisioningHarness;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole reconcile of 200 agents against the Mailjet stub while one call in five fails: one apply gives every
 * agent exactly one sender within three times its fault-free requests, and a second apply writes nothing. Domain-level
 * settings are reconciled like the senders: a moved inbound URL is written by an apply with no sender to change.
 */
class MailjetReconcileIT {

    private static final MailjetStub STUB = new MailjetStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(STUB);

    /** As operators run it (5 retries), with a timeout short enough for the suite and a rate limit that sets the pace. */
    private static MailjetMailboxProvisioning adapter(String inbound) {
        return new MailjetMailboxProvisioning(new MailjetSettings(URI.create(SERVER.server().baseUrl()), MailjetStub.KEY,
                Secret.of(MailjetStub.SECRET), inbound == null ? null : URI.create(inbound),
                new ProviderLimits(Duration.ofMillis(500), 150, 5, Duration.ofMillis(1200))));
    }

    @Test
    void underTwentyPercentFaultsOneApplyOf200AgentsGivesEachExactlyOneSenderAndASecondApplyWritesNothing() {
        MailjetMailboxProvisioning mailjet = adapter(null);
        SERVER.takeRequestCount();
        ApplyReport clean = new ProvisioningHarness(mailjet, 200, "mailjet-clean").apply(16);
        assertThat(clean.converged()).isTrue();
        int cleanRequests = SERVER.takeRequestCount();
        ProvisioningHarness h = new ProvisioningHarness(mailjet, 200, "mailjet-faults");

        STUB.faults(0.2, 11, 1000);
        ApplyReport faulty = h.apply(16);
        int faultyRequests = SERVER.takeRequestCount();
        STUB.faults(0, 1, 0);

        assertThat(faulty.converged()).as("converged in one apply: %s", faulty).isTrue();
        // The rate limit paces the run, so requests stand in for time: the wall-clock ratio is bench/provision.sh's.
        assertThat(faultyRequests).as("retries within 3x the %d fault-free requests", cleanRequests)
                .isLessThan(cleanRequests * 3);
        assertThat(STUB.faults.get()).isGreaterThan(50);
        String domain = "@" + h.spec.domain();
        assertThat(STUB.senders(s -> s.path("Email").asText().endsWith(domain) && !s.path("Email").asText().startsWith("*")))
                .extracting(s -> s.path("Email").asText()).containsExactlyInAnyOrderElementsOf(h.addresses());
        assertThat(h.auditedCreatesAndAdoptions()).isGreaterThanOrEqualTo(200);

        int writes = STUB.writes.get();
        assertThat(h.apply().writes()).isZero();
        assertThat(STUB.writes.get()).isEqualTo(writes);
    }

    @Test
    void aChangedInboundUrlIsWrittenByAnApplyOfAConvergedPopulation() {
        ProvisioningHarness h = new ProvisioningHarness(adapter("https://agents.example.org/inbound/mailjet"), 5, "mailjet-inbound");
        assertThat(h.apply().converged()).isTrue();
        ProvisioningHarness moved = h.withProvider(adapter("https://new.example.org/inbound/mailjet"));
        int writes = STUB.writes.get();

        ApplyReport report = moved.apply();

        assertThat(report.domain()).isEqualTo(1);
        assertThat(report.writes()).isEqualTo(1);
        assertThat(STUB.writes.get()).isEqualTo(writes + 1);
        assertThat(STUB.routes()).filteredOn(r -> r.path("Email").asText().equals("*@" + h.spec.domain())).singleElement()
                .satisfies(r -> assertThat(r.path("Url").asText()).isEqualTo("https://new.example.org/inbound/mailjet"));
        assertThat(moved.apply().writes()).isZero();
    }
}

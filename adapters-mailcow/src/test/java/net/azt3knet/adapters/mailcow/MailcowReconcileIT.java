package net.azt3knet.adapters.mailcow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.application.ProvisioningHarness;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole reconcile of 200 agents against the Mailcow stub while one call in five fails (5xx, 429 with
 * Retry-After, answers later than the timeout, resets before and after the write): one apply converges to exactly
 * the population within three times its fault-free requests, nothing is created twice, every write is audited, and a
 * second apply writes nothing.
 */
class MailcowReconcileIT {

    private static final MailcowStub STUB = new MailcowStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(STUB);

    /** As operators run it (5 retries), with a timeout short enough for the suite and a rate limit that sets the pace. */
    private static MailcowMailboxProvisioning adapter() {
        return new MailcowMailboxProvisioning(new MailcowSettings(URI.create(SERVER.server().baseUrl()), Secret.of(MailcowStub.KEY),
                1024, 1000, true, new ProviderLimits(Duration.ofMillis(500), 150, 5, Duration.ofMillis(1200))));
    }

    @Test
    void underTwentyPercentFaultsOneApplyOf200AgentsConvergesExactlyAndASecondApplyWritesNothing() {
        MailcowMailboxProvisioning mailcow = adapter();
        SERVER.takeRequestCount();
        ApplyReport clean = new ProvisioningHarness(mailcow, 200, "mailcow-clean").apply(16);
        assertThat(clean.converged()).isTrue();
        int cleanRequests = SERVER.takeRequestCount();
        ProvisioningHarness h = new ProvisioningHarness(mailcow, 200, "mailcow-faults");

        STUB.faults(0.2, 7, 1000);
        ApplyReport faulty = h.apply(16);
        int faultyRequests = SERVER.takeRequestCount();
        STUB.faults(0, 1, 0);

        assertThat(faulty.converged()).as("converged in one apply: %s", faulty).isTrue();
        // The rate limit paces the run, so requests stand in for time: the wall-clock ratio is bench/provision.sh's.
        assertThat(faultyRequests).as("retries within 3x the %d fault-free requests", cleanRequests)
                .isLessThan(cleanRequests * 3);
        assertThat(STUB.faults.get()).isGreaterThan(50);
        assertThat(STUB.rateLimited.get()).isPositive();
        assertThat(mailcow.list(h.spec.domain())).extracting(m -> m.address()).containsExactlyInAnyOrderElementsOf(h.addresses());
        h.addresses().forEach(a -> assertThat(STUB.password(a)).startsWith("pw-"));
        h.addresses().forEach(a -> assertThat(STUB.appPasswords(a)).as("one app password each, despite retries")
                .singleElement().satisfies(p -> assertThat(p.path("app_passwd").asText()).startsWith("app-")));
        assertThat(h.auditedCreatesAndAdoptions()).as("every create (or adoption after an unknown outcome) is audited")
                .isGreaterThanOrEqualTo(200);

        int writes = STUB.writes.get();
        assertThat(h.apply().writes()).isZero();
        assertThat(STUB.writes.get()).isEqualTo(writes);
    }

    @Test
    void aConvergedDomainThatLostItsDkimKeyGetsExactlyThatWrite() {
        MailcowMailboxProvisioning mailcow = adapter();
        ProvisioningHarness h = new ProvisioningHarness(mailcow, 5, "mailcow-dkim");
        assertThat(h.apply().converged()).isTrue();
        STUB.dropDkim(h.spec.domain());
        int writes = STUB.writes.get();

        var report = h.apply();

        assertThat(report.domain()).isEqualTo(1);
        assertThat(report.writes()).isEqualTo(1);
        assertThat(STUB.writes.get()).isEqualTo(writes + 1);
        assertThat(mailcow.dkim(h.spec.domain())).isPresent();
        assertThat(h.apply().writes()).isZero();
    }
}

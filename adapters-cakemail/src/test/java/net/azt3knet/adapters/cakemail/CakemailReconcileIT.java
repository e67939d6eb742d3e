package net.azt3knet.adapters.cakemail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.application.ProvisioningHarness;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole reconcile of 200 agents against the Cakemail stub while one call in five fails: one apply gives every
 * agent exactly one sender within three times its fault-free requests, and a second apply writes nothing.
 */
class CakemailReconcileIT {

    private static final CakemailStub STUB = new CakemailStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(STUB);

    @Test
    void underTwentyPercentFaultsOneApplyOf200AgentsGivesEachExactlyOneSenderAndASecondApplyWritesNothing() {
        // As operators run it (5 retries), with a timeout short enough for the suite and a rate limit that sets the pace.
        CakemailMailboxProvisioning cakemail = new CakemailMailboxProvisioning(new CakemailSettings(URI.create(SERVER.server().baseUrl()),
                CakemailStub.USER, Secret.of(CakemailStub.PASSWORD), null,
                new ProviderLimits(Duration.ofMillis(500), 150, 5, Duration.ofMillis(1200))), Clock.systemUTC());
        SERVER.takeRequestCount();
        ApplyReport clean = new ProvisioningHarness(cakemail, 200, "cakemail-clean").apply(16);
        assertThat(clean.converged()).isTrue();
        int cleanRequests = SERVER.takeRequestCount();
        ProvisioningHarness h = new ProvisioningHarness(cakemail, 200, "cakemail-faults");

        STUB.faults(0.2, 13, 1000);
        ApplyReport faulty = h.apply(16);
        int faultyRequests = SERVER.takeRequestCount();
        STUB.faults(0, 1, 0);

        assertThat(faulty.converged()).as("converged in one apply: %s", faulty).isTrue();
        // The rate limit paces the run, so requests stand in for time: the wall-clock ratio is bench/provision.sh's.
        assertThat(faultyRequests).as("retries within 3x the %d fault-free requests", cleanRequests)
                .isLessThan(cleanRequests * 3);
        assertThat(STUB.faults.get()).isGreaterThan(50);
        String domain = "@" + h.spec.domain();
        assertThat(STUB.senders(s -> s.path("email").asText().endsWith(domain)))
                .extracting(s -> s.path("email").asText()).containsExactlyInAnyOrderElementsOf(h.addresses());
        assertThat(h.auditedCreatesAndAdoptions()).isGreaterThanOrEqualTo(200);

        int writes = STUB.writes.get();
        assertThat(h.apply().writes()).isZero();
        assertThat(STUB.writes.get()).isEqualTo(writes);
    }
}

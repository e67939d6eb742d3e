package net.azt3knet.adapters.cakemail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.application.ProvisioningHarness;
import net.azt3knet.application.ProvisioningHarness.Timed;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole reconcile of 200 agents against the Cakemail stub while one call in five fails: one apply gives every
 * agent exactly one sender within three times its fault-free time, and a second apply writes nothing.
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
        Timed clean = new ProvisioningHarness(cakemail, 200, "cakemail-clean").timedApply(16);
        assertThat(clean.report().converged()).isTrue();
        ProvisioningHarness h = new ProvisioningHarness(cakemail, 200, "cakemail-faults");

        STUB.faults(0.2, 13, 1000);
        Timed faulty = h.timedApply(16);
        STUB.faults(0, 1, 0);

        assertThat(faulty.report().converged()).as("converged in one apply: %s", faulty.report()).isTrue();
        assertThat(faulty.took()).as("fault-free: %s", clean.took()).isLessThan(clean.took().multipliedBy(3));
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

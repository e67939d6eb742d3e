package net.azt3knet.adapters.mailcow;

import static org.assertj.core.api.Assertions.assertThat;

import net.azt3knet.application.ProvisioningHarness;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole reconcile against the Mailcow stub while one call in five fails (5xx, 429 with Retry-After, timeouts,
 * resets before and after the write): the end state is exactly the population, nothing is created twice, every
 * write is audited, and a second apply writes nothing.
 */
class MailcowReconcileIT {

    private static final MailcowStub STUB = new MailcowStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(STUB);

    @Test
    void underTwentyPercentFaultsApplyConvergesExactlyAndASecondApplyWritesNothing() {
        MailcowMailboxProvisioning mailcow = MailcowStub.adapter(SERVER.server(), MailcowStub.KEY, 6);
        ProvisioningHarness h = new ProvisioningHarness(mailcow, 60, "mailcow-faults");

        STUB.faults(0.2, 7, 1500);
        ApplyReport report = h.applyUntilConverged(5);
        STUB.faults(0, 1, 0);

        assertThat(report.converged()).as("converged: %s", report).isTrue();
        assertThat(STUB.faults.get()).isGreaterThan(10);
        assertThat(STUB.rateLimited.get()).isPositive();
        assertThat(mailcow.list(h.spec.domain())).extracting(m -> m.address()).containsExactlyInAnyOrderElementsOf(h.addresses());
        h.addresses().forEach(a -> assertThat(STUB.password(a)).startsWith("pw-"));
        h.addresses().forEach(a -> assertThat(STUB.appPasswords(a)).as("one app password each, despite retries")
                .singleElement().satisfies(p -> assertThat(p.path("app_passwd").asText()).startsWith("app-")));
        assertThat(h.auditedCreatesAndAdoptions()).as("every create (or adoption after an unknown outcome) is audited")
                .isGreaterThanOrEqualTo(60);

        int writes = STUB.writes.get();
        assertThat(h.apply().writes()).isZero();
        assertThat(STUB.writes.get()).isEqualTo(writes);
    }
}

package net.azt3knet.adapters.mailjet;

import static org.assertj.core.api.Assertions.assertThat;

import net.azt3knet.application.ProvisioningHarness;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole reconcile against the Mailjet stub while one call in five fails: every agent ends with exactly one
 * sender, each create is audited, and a second apply writes nothing.
 */
class MailjetReconcileIT {

    private static final MailjetStub STUB = new MailjetStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(STUB);

    @Test
    void underTwentyPercentFaultsEveryAgentGetsExactlyOneSenderAndASecondApplyWritesNothing() {
        MailjetMailboxProvisioning mailjet = MailjetStub.adapter(SERVER.server(), MailjetStub.KEY, MailjetStub.SECRET, null, 6);
        ProvisioningHarness h = new ProvisioningHarness(mailjet, 60, "mailjet-faults");

        STUB.faults(0.2, 11, 1500);
        ApplyReport report = h.applyUntilConverged(5);
        STUB.faults(0, 1, 0);

        assertThat(report.converged()).as("converged: %s", report).isTrue();
        assertThat(STUB.faults.get()).isGreaterThan(10);
        String domain = "@" + h.spec.domain();
        assertThat(STUB.senders(s -> s.path("Email").asText().endsWith(domain) && !s.path("Email").asText().startsWith("*")))
                .extracting(s -> s.path("Email").asText()).containsExactlyInAnyOrderElementsOf(h.addresses());
        assertThat(h.auditedCreatesAndAdoptions()).isGreaterThanOrEqualTo(60);

        int writes = STUB.writes.get();
        assertThat(h.apply().writes()).isZero();
        assertThat(STUB.writes.get()).isEqualTo(writes);
    }
}

package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.domain.mailbox.MailboxChange;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.VerifyReport;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** The read-back over in-memory fakes: what is present, missing or different, and that it writes nothing. */
class VerifyMailboxesServiceTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private final InMemoryMailboxProvisioning provider = new InMemoryMailboxProvisioning("mailcow", true);
    private final PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(12, "verify");
    private final Target target = new Target(spec.populationId(), "mailcow");
    private final ProvisioningInstallation db = new ProvisioningInstallation(clock, provider).persisted(spec);

    private List<String> addresses() {
        return db.reconcile.plan(target).changes().stream().map(MailboxChange::address).sorted().toList();
    }

    @Test
    void beforeAnyApplyEveryMailboxIsMissingAndVerifyingWritesNothing() {
        VerifyReport report = db.verify.verify(target);

        assertThat(report.checked()).isEqualTo(12);
        assertThat(report.present()).isZero();
        assertThat(report.missing()).containsExactlyInAnyOrderElementsOf(addresses());
        assertThat(provider.writes()).isZero();
    }

    @Test
    void afterAnApplyEveryMailboxIsPresentAndAChangeAtTheProviderIsReported() {
        List<String> addresses = addresses();
        db.reconcile.apply(new ApplyCommand(target, OnConflict.FAIL, false, 4, "test", null));
        assertThat(db.verify.verify(target)).isEqualTo(new VerifyReport(12, 12, List.of(), List.of(), 0));

        ExistingMailbox renamed = provider.find(addresses.get(2)).orElseThrow();
        provider.update(renamed, new MailboxUpdate("Someone Renamed", null));
        provider.delete(provider.find(addresses.get(5)).orElseThrow());
        long writes = provider.writes();

        VerifyReport report = db.verify.verify(target);

        assertThat(report.present()).isEqualTo(10);
        assertThat(report.mismatched()).containsExactly(addresses.get(2));
        assertThat(report.missing()).containsExactly(addresses.get(5));
        assertThat(report.ok()).isFalse();
        assertThat(provider.writes()).isEqualTo(writes);
    }
}

package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** Password rotation over in-memory fakes: the next rotation reaches the provider; bad requests change nothing. */
class RotateMailboxPasswordsServiceTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private final InMemoryMailboxProvisioning provider = new InMemoryMailboxProvisioning("mailcow", true);
    private final InMemoryMailboxProvisioning senders = new InMemoryMailboxProvisioning("mailjet", false);
    private final PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(40, "provision");
    private final Target target = new Target(spec.populationId(), "mailcow");
    private final ProvisioningInstallation db = new ProvisioningInstallation(clock, provider, senders).persisted(spec);

    private ApplyCommand apply(Target at) {
        return new ApplyCommand(at, OnConflict.FAIL, false, 4, "test", null);
    }

    private LedgerMailbox first() {
        return db.reconcile.list(target).get(0);
    }

    @Test
    void rotatingPasswordsSetsTheNextRotationAtTheProvider() {
        db.reconcile.apply(apply(target));
        String address = first().address();
        long index = first().agentIndex();

        ApplyReport report = db.rotate.rotatePasswords(apply(target), Set.of(index));

        assertThat(report.updated()).isEqualTo(1);
        assertThat(provider.password(address)).map(Secret::reveal).contains("pw-" + index + "-1");
        assertThat(db.audited("credential.rotate")).isEqualTo(1);
        assertThatThrownBy(() -> db.rotate.rotatePasswords(apply(target), Set.of(999L)))
                .isInstanceOf(RejectedCommandException.class).hasMessageContaining("--agent [999]");
    }

    @Test
    void anUnknownAgentRotatesNobody() {
        db.reconcile.apply(apply(target));
        long writes = provider.writes();

        assertThatThrownBy(() -> db.rotate.rotatePasswords(apply(target), Set.of(first().agentIndex(), 999L)))
                .isInstanceOf(RejectedCommandException.class).hasMessageContaining("it has agents 0-39");

        assertThat(db.audited("credential.rotate")).isZero();
        assertThat(provider.writes()).isEqualTo(writes);
    }

    @Test
    void aProviderOfSenderIdentitiesIsRefusedBeforeAnyWrite() {
        Target atSenders = new Target(spec.populationId(), "mailjet");
        db.reconcile.apply(apply(atSenders));
        long writes = senders.writes();

        assertThatThrownBy(() -> db.rotate.rotatePasswords(apply(atSenders), Set.of()))
                .isInstanceOf(RejectedCommandException.class)
                .hasMessageContaining("mailjet holds sender identities, which have no password");

        assertThat(db.audited("credential.rotate")).isZero();
        assertThat(senders.writes()).isEqualTo(writes);
    }

    @Test
    void anUnknownPopulationIsNamed() {
        Target nowhere = new Target(java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"), "mailcow");

        assertThatThrownBy(() -> db.rotate.rotatePasswords(apply(nowhere), Set.of()))
                .isInstanceOf(UnknownPopulationException.class);
    }
}

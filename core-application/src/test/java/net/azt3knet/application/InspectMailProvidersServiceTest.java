package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.in.InspectMailProvidersUseCase.ProviderCheck;
import net.azt3knet.ports.in.InspectMailProvidersUseCase.Status;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.mailbox.DkimKey;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning.Fault;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning.When;
import org.junit.jupiter.api.Test;

/** Provider inspection over in-memory providers: each check's outcome, the unconfigured not called, DKIM keys. */
class InspectMailProvidersServiceTest {

    private final InMemoryMailboxProvisioning mailcow = new InMemoryMailboxProvisioning("mailcow", true);
    private final InMemoryMailboxProvisioning mailjet = new InMemoryMailboxProvisioning("mailjet", false);

    /** mailcow and mailjet as given; cakemail known but not configured, so a call to it would fail the check. */
    private final MailProviders providers = InMemoryMailboxProvisioning.providers(List.of(mailcow, mailjet), "cakemail");
    private final InspectMailProvidersService service = new InspectMailProvidersService(providers);

    @Test
    void everyProviderIsCheckedAndTheOneNotConfiguredIsReportedWithoutACall() {
        assertThat(service.check(Optional.empty())).containsExactly(
                new ProviderCheck("cakemail", Status.NOT_CONFIGURED, null, null, ""),
                new ProviderCheck("mailcow", Status.OK, mailcow.capabilities(), null, ""),
                new ProviderCheck("mailjet", Status.OK, mailjet.capabilities(), null, ""));
    }

    @Test
    void aFailingCheckIsReportedWithItsReasonAndMessageAndTheOthersStillRun() {
        mailcow.faults((operation, address) -> operation.equals("check") ? new Fault(Reason.UNAUTHORIZED, When.BEFORE) : null);
        InspectMailProvidersService withBroken = new InspectMailProvidersService(InMemoryMailboxProvisioning.providers(mailcow, mailjet));

        assertThat(withBroken.check(Optional.empty())).containsExactly(
                new ProviderCheck("mailcow", Status.FAILED, null, Reason.UNAUTHORIZED, "injected UNAUTHORIZED on check"),
                new ProviderCheck("mailjet", Status.OK, mailjet.capabilities(), null, ""));
    }

    @Test
    void oneProviderIsCheckedByItsNameInAnyCaseAndAnUnknownNameListsTheProviders() {
        assertThat(service.check(Optional.of(" MailJet "))).extracting(ProviderCheck::provider).containsExactly("mailjet");
        assertThatThrownBy(() -> service.check(Optional.of("postfix"))).isInstanceOf(RejectedCommandException.class)
                .hasMessage("--provider 'postfix' is not a provider; choose one of cakemail, mailcow, mailjet");
    }

    @Test
    void theDkimKeyIsTheProvidersOnceItSetTheDomainUp() {
        assertThat(service.dkim("mailcow", "agents.example.org", false)).isEmpty();
        mailcow.ensureDomain("agents.example.org");

        Optional<DkimKey> key = service.dkim("mailcow", "agents.example.org", true);

        assertThat(key).isEqualTo(mailcow.dkim("agents.example.org"));
        assertThat(key).hasValueSatisfying(k -> assertThat(k.recordName()).isEqualTo("dkim._domainkey.agents.example.org"));
        assertThatThrownBy(() -> service.dkim("postfix", "agents.example.org", false)).isInstanceOf(RejectedCommandException.class);
    }
}

package net.azt3knet.adapters.mailjet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.testkit.contracts.MailProviderContract;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Mailjet adapter against a stateful Mailjet stub: the provider contract, then Mailjet's traps one by one. */
class MailjetMailboxProvisioningIT implements MailProviderContract {

    static final MailjetStub STUB = new MailjetStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(STUB);

    private final MailjetMailboxProvisioning mailjet = MailjetStub.adapter(SERVER.server(), MailjetStub.KEY, MailjetStub.SECRET, null, 3);

    @Override
    public Object provider() {
        return mailjet;
    }

    @Override
    public boolean keepsOwnerTag() {
        return false;
    }

    @Override
    public boolean holdsDkim() {
        return true;
    }

    private static NewMailbox sender(String address, String name) {
        return new NewMailbox(address, name, null, "azt3knet-t");
    }

    @Test
    void aBadKeyPairIsUnauthorizedAndTheMessageNamesTheSettingsNotTheSecret() {
        assertThatThrownBy(() -> MailjetStub.adapter(SERVER.server(), "nobody", "s3cr3t-value", null, 0).check())
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("MAILJET_API_KEY", "MAILJET_SECRET_KEY").doesNotContain("s3cr3t-value");
                });
    }

    @Test
    void aDeletedSenderThatStillBlocksItsAddressIsRevivedNotRecreated() {
        mailjet.ensureDomain("revive.example.org");
        STUB.seed("old@revive.example.org", "Old", "Deleted");
        assertThat(mailjet.find("old@revive.example.org")).as("deleted senders count as absent").isEmpty();

        ExistingMailbox made = mailjet.create(sender("old@revive.example.org", "Back Again"));

        assertThat(made.displayName()).isEqualTo("Back Again");
        assertThat(made.state()).isEqualTo("unconfirmed");
        assertThat(STUB.senders(s -> s.path("Email").asText().equals("old@revive.example.org"))).hasSize(1)
                .allSatisfy(s -> assertThat(s.path("Status").asText()).isEqualTo("Inactive"));
    }

    @Test
    void someoneElsesSenderIsAlreadyExistingAndStaysUntouched() {
        mailjet.ensureDomain("foreign.example.org");
        STUB.seed("taken@foreign.example.org", "Someone", "Active");

        assertThatThrownBy(() -> mailjet.create(sender("taken@foreign.example.org", "Us")))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS));
        assertThat(mailjet.find("taken@foreign.example.org").orElseThrow().displayName()).isEqualTo("Someone");
    }

    @Test
    void listingPagesThroughThousandsAndLeavesOutTheCatchAllAndDeletedSenders() {
        mailjet.ensureDomain("many.example.org");
        for (int i = 0; i < 1_005; i++) STUB.seed("a" + i + "@many.example.org", "A" + i, "Active");
        STUB.seed("gone@many.example.org", "Gone", "Deleted");

        assertThat(mailjet.list("many.example.org")).hasSize(1_005)
                .extracting(ExistingMailbox::address).doesNotContain("*@many.example.org", "gone@many.example.org");
    }

    @Test
    void theDomainGetsOneParseRouteToTheInboundUrlAndAMovedUrlIsUpdated() {
        MailjetMailboxProvisioning inbound = MailjetStub.adapter(SERVER.server(), MailjetStub.KEY, MailjetStub.SECRET,
                "https://agents.example.org/inbound/mailjet", 0);
        assertThat(inbound.domainChanges("in.example.org")).containsExactly("register the catch-all sender *@in.example.org",
                "create the parse route of *@in.example.org to MAILJET_INBOUND_URL");
        assertThat(inbound.ensureDomain("in.example.org")).isEqualTo(2);
        assertThat(inbound.ensureDomain("in.example.org")).isZero();
        MailjetMailboxProvisioning moved = MailjetStub.adapter(SERVER.server(), MailjetStub.KEY, MailjetStub.SECRET,
                "https://new.example.org/inbound/mailjet", 0);
        assertThat(moved.domainChanges("in.example.org")).containsExactly("point the parse route of *@in.example.org at"
                + " MAILJET_INBOUND_URL (now https://agents.example.org/inbound/mailjet)");
        assertThat(moved.ensureDomain("in.example.org")).isEqualTo(1);
        assertThat(moved.domainChanges("in.example.org")).isEmpty();

        assertThat(STUB.routes()).filteredOn(r -> r.path("Email").asText().equals("*@in.example.org")).singleElement()
                .satisfies(r -> assertThat(r.path("Url").asText()).isEqualTo("https://new.example.org/inbound/mailjet"));
    }

    @Test
    void aPlanWithoutTheParseApiGetsAClearForbiddenNamingTheSetting() {
        MailjetMailboxProvisioning free = MailjetStub.adapter(SERVER.server(), MailjetStub.FREE_KEY, MailjetStub.SECRET,
                "https://agents.example.org/inbound/mailjet", 0);
        assertThatThrownBy(() -> free.ensureDomain("free.example.org"))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN);
                    assertThat(e.getMessage()).contains("MAILJET_INBOUND_URL", "paid plan");
                });
    }

    @Test
    void theDnsCheckReportsTheDkimStatusOnceTheRecordIsPublished() {
        mailjet.ensureDomain("dns.example.org");
        assertThat(mailjet.dkim("dns.example.org").orElseThrow()).satisfies(k -> {
            assertThat(k.recordName()).isEqualTo("mailjet._domainkey.dns.example.org");
            assertThat(k.selector()).isEqualTo("mailjet");
            assertThat(k.status()).isEqualTo("Not checked");
        });
        assertThat(mailjet.recheckDkim("dns.example.org").orElseThrow().status()).isEqualTo("Error");
        STUB.publish("dns.example.org");
        assertThat(mailjet.recheckDkim("dns.example.org").orElseThrow().status()).isEqualTo("OK");
        assertThat(mailjet.dkim("none.example.org")).isEmpty();
    }

    @Test
    void aSenderKnownOnlyByItsAddressIsFoundForDeletion() {
        mailjet.ensureDomain("byaddress.example.org");
        mailjet.create(sender("kim@byaddress.example.org", "Kim"));

        mailjet.delete(new ExistingMailbox("kim@byaddress.example.org", "", "kim@byaddress.example.org", null, "created"));

        assertThat(mailjet.find("kim@byaddress.example.org")).isEmpty();
    }

    @Test
    void malformedJsonIsABadResponseNotACrash() {
        STUB.forceBody("{\"Count\": 1, \"Data\": ");
        assertThatThrownBy(() -> mailjet.list("any.example.org"))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
    }

    @Test
    void underFaultsEveryCreateLandsExactlyOnceAndOnlyDocumentedResourcesAreCalled() {
        mailjet.ensureDomain("faulty.example.org");
        STUB.faults(0.3, 42, 1500);
        for (int i = 0; i < 30; i++) mailjet.create(sender("a" + i + "@faulty.example.org", "A " + i));
        STUB.faults(0, 1, 0);

        assertThat(mailjet.list("faulty.example.org")).hasSize(30);
        assertThat(STUB.senders(s -> s.path("Email").asText().endsWith("@faulty.example.org"))).hasSize(31); // + *@
        assertThat(STUB.faults.get()).isPositive();
        assertThat(SERVER.server().getAllServeEvents()).extracting(e -> e.getRequest().getUrl())
                .noneMatch(u -> u.startsWith("/v3/REST/domain") || u.startsWith("/v3/REST/inbound"));
    }
}

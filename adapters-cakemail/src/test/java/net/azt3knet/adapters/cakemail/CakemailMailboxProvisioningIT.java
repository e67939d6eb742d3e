package net.azt3knet.adapters.cakemail;

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

/** The Cakemail adapter against a stateful Cakemail stub: the provider contract, OAuth2 tokens, then the traps. */
class CakemailMailboxProvisioningIT implements MailProviderContract {

    static final CakemailStub STUB = new CakemailStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(STUB);

    private final CakemailMailboxProvisioning cakemail = CakemailStub.adapter(SERVER.server(), CakemailStub.USER, CakemailStub.PASSWORD, 3);

    @Override
    public Object provider() {
        return cakemail;
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
    void aWrongPasswordIsUnauthorizedAndTheMessageNamesTheSettingsNotThePassword() {
        assertThatThrownBy(() -> CakemailStub.adapter(SERVER.server(), CakemailStub.USER, "hunter2-wrong", 0).check())
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("CAKEMAIL_USERNAME", "CAKEMAIL_PASSWORD", "Incorrect username or password")
                            .doesNotContain("hunter2-wrong");
                });
    }

    @Test
    void aTwoFactorUserIsRefusedWithAdviceToUseAnApiUser() {
        assertThatThrownBy(() -> CakemailStub.adapter(SERVER.server(), CakemailStub.MFA_USER, "whatever", 0).check())
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("two-factor", "CAKEMAIL_USERNAME");
                });
    }

    @Test
    void oneLoginServesManyCallsAnExpiredTokenIsRefreshedAndARevokedOneFallsBackToThePassword() {
        CakemailMailboxProvisioning fresh = CakemailStub.adapter(SERVER.server(), CakemailStub.USER, CakemailStub.PASSWORD, 0);
        int logins = STUB.passwordGrants.get();
        int refreshes = STUB.refreshGrants.get();
        for (int i = 0; i < 5; i++) fresh.check();
        assertThat(STUB.passwordGrants.get() - logins).isEqualTo(1);

        STUB.expireAccessTokens();
        fresh.check();
        assertThat(STUB.refreshGrants.get() - refreshes).isEqualTo(1);
        assertThat(STUB.passwordGrants.get() - logins).isEqualTo(1);

        STUB.revokeAll();
        fresh.check();
        assertThat(STUB.passwordGrants.get() - logins).isEqualTo(2);
        // the grants share the API's client, but never send it a bearer token
        SERVER.server().verify(0, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/token")).withHeader("Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.matching(".*")));
    }

    @Test
    void sendersAreUnconfirmedUntilConfirmedAndListingPagesThroughThemAll() {
        cakemail.ensureDomain("many.example.org");
        for (int i = 0; i < 120; i++) STUB.seed("s" + i + "@many.example.org", "S" + i, i % 2 == 0);
        ExistingMailbox ours = cakemail.create(sender("new@many.example.org", "New"));

        assertThat(ours.state()).isEqualTo("unconfirmed");
        assertThat(cakemail.list("many.example.org")).hasSize(121)
                .filteredOn(m -> m.state().equals("active")).hasSize(60);
    }

    @Test
    void aValidationErrorNamesTheField() {
        cakemail.ensureDomain("invalid.example.org");
        assertThatThrownBy(() -> cakemail.create(sender("x@invalid.example.org", "")))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e.getMessage()).contains("HTTP 422", "body.name");
                });
    }

    @Test
    void theDkimKeyIsCreatedOncePerDomainAndPublishedAsAWholeRecord() {
        cakemail.ensureDomain("dkim.example.org");
        cakemail.ensureDomain("dkim.example.org");
        var key = cakemail.dkim("dkim.example.org").orElseThrow();
        assertThat(key.value()).startsWith("v=DKIM1; k=rsa; p=MIGf");
        assertThat(key.recordName()).isEqualTo(key.selector() + "._domainkey.dkim.example.org");
        assertThat(key.status()).isEqualTo("pending");
        assertThat(cakemail.dkim("none.example.org")).isEmpty();
    }

    @Test
    void aSenderKnownOnlyByItsAddressIsFoundForDeletion() {
        cakemail.ensureDomain("byaddress.example.org");
        cakemail.create(sender("kim@byaddress.example.org", "Kim"));

        cakemail.delete(new ExistingMailbox("kim@byaddress.example.org", "", "kim@byaddress.example.org", null, "created"));

        assertThat(STUB.senders(s -> s.path("email").asText().equals("kim@byaddress.example.org"))).isEmpty();
    }

    @Test
    void malformedJsonIsABadResponseNotACrash() {
        cakemail.check();
        STUB.forceBody("{\"data\": [");
        assertThatThrownBy(() -> cakemail.list("any.example.org"))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
    }

    @Test
    void underFaultsEveryCreateLandsExactlyOnce() {
        cakemail.ensureDomain("faulty.example.org");
        STUB.faults(0.3, 42, 1500);
        for (int i = 0; i < 30; i++) cakemail.create(sender("a" + i + "@faulty.example.org", "A " + i));
        STUB.faults(0, 1, 0);

        assertThat(STUB.senders(s -> s.path("email").asText().endsWith("@faulty.example.org"))).hasSize(30);
        assertThat(STUB.faults.get()).isPositive();
    }
}

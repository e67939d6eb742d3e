package net.azt3knet.adapters.mailcow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.testkit.contracts.MailProviderContract;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Mailcow adapter against a stateful Mailcow stub: the provider contract, then Mailcow's traps one by one. */
class MailcowMailboxProvisioningIT implements MailProviderContract {

    static final MailcowStub STUB = new MailcowStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(STUB);

    static MailcowMailboxProvisioning adapter(String key, int maxRetries) {
        return MailcowStub.adapter(SERVER.server(), key, maxRetries);
    }

    private final MailcowMailboxProvisioning mailcow = adapter(MailcowStub.KEY, 3);

    @Override
    public Object provider() {
        return mailcow;
    }

    @Override
    public boolean keepsOwnerTag() {
        return true;
    }

    @Override
    public boolean holdsDkim() {
        return true;
    }

    @Override
    public Optional<String> passwordAtProvider(String address) {
        return Optional.ofNullable(STUB.password(address));
    }

    @Test
    void aBadKeyIsUnauthorizedAndAReadOnlyKeyIsForbiddenToWrite() {
        assertThatThrownBy(() -> adapter("wrong", 0).check()).isInstanceOfSatisfying(MailboxProvisioningException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("MAILCOW_API_KEY").doesNotContain("wrong");
        });
        MailcowMailboxProvisioning readOnly = adapter(MailcowStub.READ_ONLY_KEY, 0);
        readOnly.check();
        assertThatThrownBy(() -> readOnly.ensureDomain("ro.example.org"))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
    }

    @Test
    void aBusinessFailureInsideHttp200IsAFailureAndNamesMailcowsReason() {
        mailcow.ensureDomain("danger.example.org");
        assertThatThrownBy(() -> mailcow.create(new NewMailbox("x@danger.example.org", "X", null, "azt3knet-t")))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e.getMessage()).contains("password_complexity");
                });
        assertThat(mailcow.find("x@danger.example.org")).isEmpty();
    }

    @Test
    void eachMailboxGetsOneImapAndSmtpOnlyAppPasswordThatFollowsRotation() {
        mailcow.ensureDomain("app.example.org");
        var made = mailcow.create(new NewMailbox("eve@app.example.org", "Eve", Secret.of("Pw-eve-1!aA"), Secret.of("App-eve-1!aA"), "azt3knet-a"));
        assertThat(STUB.appPasswords("eve@app.example.org")).singleElement().satisfies(a -> {
            assertThat(a.path("name").asText()).isEqualTo("azt3knet");
            assertThat(a.path("app_passwd").asText()).isEqualTo("App-eve-1!aA");
            assertThat(a.path("active").asInt()).isEqualTo(1);
            assertThat(a.path("imap_access").asInt() + a.path("smtp_access").asInt()).isEqualTo(2);
            assertThat(a.path("dav_access").asInt() + a.path("eas_access").asInt() + a.path("pop3_access").asInt()
                    + a.path("sieve_access").asInt()).isZero();
        });

        mailcow.update(made, new net.azt3knet.ports.out.mailbox.MailboxUpdate(null, Secret.of("Pw-eve-2!aA"), Secret.of("App-eve-2!aA")));

        assertThat(STUB.appPasswords("eve@app.example.org")).singleElement()
                .satisfies(a -> assertThat(a.path("app_passwd").asText()).isEqualTo("App-eve-2!aA"));
        assertThat(STUB.password("eve@app.example.org")).isEqualTo("Pw-eve-2!aA");

        STUB.seedAppPassword("eve@app.example.org", "azt3knet"); // a stray from an interrupted run
        STUB.seedAppPassword("eve@app.example.org", "thunderbird"); // the user's own: not ours to touch
        mailcow.update(made, new net.azt3knet.ports.out.mailbox.MailboxUpdate(null, Secret.of("Pw-eve-3!aA"), Secret.of("App-eve-3!aA")));
        assertThat(STUB.appPasswords("eve@app.example.org")).extracting(a -> a.path("name").asText() + "=" + a.path("app_passwd").asText())
                .containsExactlyInAnyOrder("azt3knet=App-eve-3!aA", "thunderbird=stray");
    }

    @Test
    void withAppPasswordsOffNoneIsMade() {
        MailcowMailboxProvisioning plain = new MailcowMailboxProvisioning(new MailcowSettings(java.net.URI.create(SERVER.server().baseUrl()),
                Secret.of(MailcowStub.KEY), 1024, 1000, false,
                new net.azt3knet.adapters.http.ProviderLimits(java.time.Duration.ofSeconds(1), 1000, 0, java.time.Duration.ofSeconds(1))));
        plain.ensureDomain("noapp.example.org");
        plain.create(new NewMailbox("fay@noapp.example.org", "Fay", Secret.of("Pw-fay-1!aA"), Secret.of("App-fay-1!aA"), "azt3knet-a"));
        assertThat(STUB.appPasswords("fay@noapp.example.org")).isEmpty();
    }

    @Test
    void malformedJsonIsABadResponseNotACrash() {
        STUB.forceBody("{not json");
        assertThatThrownBy(() -> mailcow.list("any.example.org"))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
    }

    @Test
    void splitDkimValuesAreJoinedIntoOne() {
        mailcow.ensureDomain("dkim.example.org");
        assertThat(mailcow.dkim("dkim.example.org").orElseThrow().value())
                .isEqualTo("v=DKIM1;k=rsa;t=s;s=email;p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
    }

    @Test
    void underFaultsEveryCreateLandsExactlyOnceThanksToRetriesAndReadBack() {
        mailcow.ensureDomain("faulty.example.org");
        STUB.faults(0.3, 42, 1500);
        for (int i = 0; i < 30; i++) {
            mailcow.create(new NewMailbox("a" + i + "@faulty.example.org", "A " + i, Secret.of("Pw-" + i + "-aA1!"), "azt3knet-f"));
        }
        STUB.faults(0, 1, 0);
        assertThat(mailcow.list("faulty.example.org")).hasSize(30);
        assertThat(STUB.faults.get()).isPositive();
    }
}

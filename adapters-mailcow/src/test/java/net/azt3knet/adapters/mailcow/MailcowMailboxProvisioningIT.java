package net.azt3knet.adapters.mailcow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Optional;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.testkit.contracts.MailboxProvisioningContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Mailcow adapter against a stateful Mailcow stub: the provider contract, then Mailcow's traps one by one. */
class MailcowMailboxProvisioningIT implements MailboxProvisioningContract {

    static final MailcowStub STUB = new MailcowStub();
    static WireMockServer server;

    @BeforeAll
    static void start() {
        server = MailcowStub.serve(STUB);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void calm() {
        STUB.faults(0, 1, 0);
        STUB.forceBody(null);
    }

    static MailcowMailboxProvisioning adapter(String key, int maxRetries) {
        return MailcowStub.adapter(server, key, maxRetries);
    }

    private final MailcowMailboxProvisioning mailcow = adapter(MailcowStub.KEY, 3);

    @Override
    public MailboxProvisioning provisioning() {
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

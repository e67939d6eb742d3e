package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MailboxProvisioning} must do, whatever the provider: idempotent domain set-up, create / find /
 * list / update / delete, refusal of a second create, and re-creation after a delete (the trap of providers that
 * keep deleted objects). Each test works on its own domain. A mail provider runs {@link MailProviderContract}, which
 * includes this one.
 */
public interface MailboxProvisioningContract {

    MailboxProvisioning provisioning();

    /** True when agents get mailboxes with passwords, false for sender identities (no password is sent then). */
    boolean hostsMailboxes();

    /** True when the provider stores the owner tag it is given and reports it back. */
    boolean keepsOwnerTag();

    /** The password the provider holds for the address, when a test can observe it. */
    default Optional<String> passwordAtProvider(String address) {
        return Optional.empty();
    }

    /** A fresh domain, so tests sharing one provider do not see each other's mailboxes. */
    static String domain() {
        return "c" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    }

    private NewMailbox mailbox(String domain, String local, String name) {
        boolean passwords = hostsMailboxes();
        return new NewMailbox(local + "@" + domain, name, passwords ? Secret.of("Pw-" + local + "-1!aA") : null, "azt3knet-owner-1");
    }

    @Test
    default void aCreatedMailboxIsFoundAndListedWithItsName() {
        String domain = domain();
        provisioning().ensureDomain(domain);
        provisioning().ensureDomain(domain); // twice: idempotent
        ExistingMailbox made = provisioning().create(mailbox(domain, "ana.lopez", "Ana López"));

        assertThat(made.address()).isEqualTo("ana.lopez@" + domain);
        ExistingMailbox found = provisioning().find("ana.lopez@" + domain).orElseThrow();
        assertThat(found.displayName()).isEqualTo("Ana López");
        assertThat(found.reference()).isEqualTo(made.reference());
        if (keepsOwnerTag()) assertThat(found.owner()).isEqualTo("azt3knet-owner-1");
        assertThat(provisioning().list(domain)).extracting(ExistingMailbox::address).containsExactly("ana.lopez@" + domain);
        assertThat(provisioning().list(domain())).isEmpty();
        passwordAtProvider("ana.lopez@" + domain).ifPresent(p -> assertThat(p).isEqualTo("Pw-ana.lopez-1!aA"));
    }

    @Test
    default void theDomainChangesAreExactlyWhatEnsureDomainWritesAndNoneAfterIt() {
        String domain = domain();
        java.util.List<String> planned = provisioning().domainChanges(domain);

        assertThat(planned).allSatisfy(line -> assertThat(line).isNotBlank());
        assertThat(provisioning().ensureDomain(domain)).isEqualTo(planned.size());
        assertThat(provisioning().domainChanges(domain)).isEmpty();
        assertThat(provisioning().ensureDomain(domain)).isZero();
    }

    @Test
    default void aSecondCreateOfTheSameAddressIsRefusedAsAlreadyExisting() {
        String domain = domain();
        provisioning().ensureDomain(domain);
        provisioning().create(mailbox(domain, "bo", "Bo"));

        assertThatThrownBy(() -> provisioning().create(mailbox(domain, "bo", "Bo")))
                .isInstanceOfSatisfying(MailboxProvisioningException.class,
                        e -> assertThat(e.reason()).isEqualTo(MailboxProvisioningException.Reason.ALREADY_EXISTS));
        assertThat(provisioning().list(domain)).hasSize(1);
    }

    @Test
    default void anUpdateChangesTheDisplayNameAndPassword() {
        String domain = domain();
        provisioning().ensureDomain(domain);
        ExistingMailbox made = provisioning().create(mailbox(domain, "cy", "Cy"));
        boolean passwords = hostsMailboxes();

        provisioning().update(made, new MailboxUpdate("Cy Twain", passwords ? Secret.of("Pw-cy-2!aA") : null));

        assertThat(provisioning().find(made.address()).orElseThrow().displayName()).isEqualTo("Cy Twain");
        passwordAtProvider(made.address()).ifPresent(p -> assertThat(p).isEqualTo("Pw-cy-2!aA"));
    }

    @Test
    default void aDeletedMailboxIsGoneDeletingAgainIsFineAndItCanBeMadeAgain() {
        String domain = domain();
        provisioning().ensureDomain(domain);
        ExistingMailbox made = provisioning().create(mailbox(domain, "di", "Di"));

        provisioning().delete(made);
        assertThat(provisioning().find(made.address())).isEmpty();
        assertThat(provisioning().list(domain)).isEmpty();
        assertThatCode(() -> provisioning().delete(made)).doesNotThrowAnyException();

        ExistingMailbox again = provisioning().create(mailbox(domain, "di", "Di Again"));
        assertThat(provisioning().find(again.address()).orElseThrow().displayName()).isEqualTo("Di Again");
    }
}

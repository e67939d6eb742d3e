package net.azt3knet.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.testkit.contracts.MailProviderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local provider runs the provider contract against a real embedded PostgreSQL, in the tables of its own migrations. */
class LocalMailboxProvisioningIT implements MailProviderContract {

    private static PostgresPersistence db;
    private static LocalMailboxProvisioning local;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(LocalDatabases.fresh("local"), Clock.systemUTC(), List.of(LocalIntegration.SCHEMA));
        local = new LocalMailboxProvisioning(db.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    @Override
    public Object provider() {
        return local;
    }

    @Override
    public boolean keepsOwnerTag() {
        return true;
    }

    @Override
    public boolean holdsDkim() {
        return false;
    }

    @Test
    void passwordsAreStoredOnlyAsSaltedHashesThatAuthenticate() {
        local.ensureDomain("auth.example.org");
        var made = local.create(new NewMailbox("ed@auth.example.org", "Ed", Secret.of("Correct-Horse-1!"), "azt3knet-x"));

        assertThat(local.authenticates("ed@auth.example.org", Secret.of("Correct-Horse-1!"))).isTrue();
        assertThat(local.authenticates("ed@auth.example.org", Secret.of("wrong"))).isFalse();
        local.update(made, new MailboxUpdate(null, Secret.of("Next-Horse-2!")));
        assertThat(local.authenticates("ed@auth.example.org", Secret.of("Correct-Horse-1!"))).isFalse();
        assertThat(local.authenticates("ed@auth.example.org", Secret.of("Next-Horse-2!"))).isTrue();
        assertThat(local.find("ed@auth.example.org").orElseThrow().displayName()).isEqualTo("Ed");
    }

    @Test
    void theDirectoryKnowsItsMailboxesAndDomainsWhateverTheCaseAndForgetsADeletedMailbox() {
        local.ensureDomain("dir.example.org");
        var made = local.create(new NewMailbox("ines@dir.example.org", "Ines", Secret.of("Correct-Horse-1!"), "azt3knet-x"));

        assertThat(local.hasMailbox("Ines@DIR.example.org")).isTrue();
        assertThat(local.hasMailbox("nobody@dir.example.org")).isFalse();
        assertThat(local.hasDomain("DIR.example.org")).isTrue();
        assertThat(local.hasDomain("elsewhere.example")).isFalse();
        local.delete(made);
        assertThat(local.hasMailbox("ines@dir.example.org")).isFalse();
        assertThat(local.hasDomain("dir.example.org")).as("the domain stays").isTrue();
    }
}

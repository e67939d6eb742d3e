package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import net.azt3knet.ports.out.access.HashedSecretStore;
import net.azt3knet.ports.out.submission.GatewayUserStore;
import net.azt3knet.ports.out.submission.GatewayUserStore.StoredGatewayUser;
import org.junit.jupiter.api.Test;

/** What every {@link GatewayUserStore} must do: what every hashed-secret store does, found by name, with its granted domains. */
public interface GatewayUserStoreContract extends HashedSecretStoreContract<StoredGatewayUser> {

    GatewayUserStore users();

    @Override
    default HashedSecretStore<StoredGatewayUser> secrets() {
        return users();
    }

    @Override
    default StoredGatewayUser aCredential(String name, Instant createdAt) {
        return new StoredGatewayUser(name, Set.of("agents.example.org", "news.example.net"), HashedSecretStoreContract.hashOf(name + createdAt),
                createdAt, null);
    }

    @Override
    default void assertSameKindFields(StoredGatewayUser found, StoredGatewayUser stored) {
        assertThat(found.domains()).isEqualTo(stored.domains());
    }

    @Test
    default void aUserIsFoundByItsNameWithEachOfItsDomains() {
        String name = HashedSecretStoreContract.unique("one");
        StoredGatewayUser single = new StoredGatewayUser(name, Set.of("pop.example.org"), HashedSecretStoreContract.hashOf(name), T0, null);
        String other = HashedSecretStoreContract.unique("many");
        StoredGatewayUser many = new StoredGatewayUser(other, Set.of("c.example.org", "a.example.org", "b.example.org"),
                HashedSecretStoreContract.hashOf(other), T0, null);
        assertThat(users().add(single)).isTrue();
        assertThat(users().add(many)).isTrue();
        assertThat(users().find(name).orElseThrow().domains()).containsExactly("pop.example.org");
        assertThat(users().find(other).orElseThrow().domains()).containsExactlyInAnyOrder("a.example.org", "b.example.org", "c.example.org");
    }
}

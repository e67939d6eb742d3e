package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import net.azt3knet.ports.out.access.ApiTokenStore;
import net.azt3knet.ports.out.access.ApiTokenStore.StoredToken;
import net.azt3knet.ports.out.access.HashedSecretStore;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApiTokenStore} must do: what every hashed-secret store does, keep the role, and keep ids unique as
 * well as names.
 */
public interface ApiTokenStoreContract extends HashedSecretStoreContract<StoredToken> {

    ApiTokenStore tokens();

    @Override
    default HashedSecretStore<StoredToken> secrets() {
        return tokens();
    }

    @Override
    default StoredToken aCredential(String name, Instant createdAt) {
        String id = UUID.randomUUID().toString().replace("-", "");
        return new StoredToken(id, name, name.hashCode() % 2 == 0 ? "read" : "admin", HashedSecretStoreContract.hashOf(id), createdAt, null);
    }

    @Override
    default void assertSameKindFields(StoredToken found, StoredToken stored) {
        assertThat(found.id()).isEqualTo(stored.id());
        assertThat(found.role()).isEqualTo(stored.role());
    }

    @Test
    default void aTokenWhoseIdIsTakenIsNotStoredAndTheFirstIsKept() {
        StoredToken first = aCredential(HashedSecretStoreContract.unique("a"), T0);
        StoredToken clash = new StoredToken(first.id(), HashedSecretStoreContract.unique("b"), "read", new byte[32], T0, null);
        assertThat(tokens().add(first)).isTrue();
        assertThat(tokens().add(clash)).isFalse();
        assertThat(tokens().find(first.id()).orElseThrow().name()).isEqualTo(first.name());
        assertThat(tokens().list()).extracting(StoredToken::name).doesNotContain(clash.name());
    }

    @Test
    default void bothRolesAreKept() {
        for (String role : new String[] {"read", "admin"}) {
            String id = UUID.randomUUID().toString().replace("-", "");
            StoredToken t = new StoredToken(id, HashedSecretStoreContract.unique(role), role, HashedSecretStoreContract.hashOf(id), T0, null);
            assertThat(tokens().add(t)).isTrue();
            assertThat(tokens().find(id).orElseThrow().role()).isEqualTo(role);
        }
    }
}

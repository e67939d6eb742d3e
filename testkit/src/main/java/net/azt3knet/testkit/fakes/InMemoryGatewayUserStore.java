package net.azt3knet.testkit.fakes;

import net.azt3knet.ports.out.submission.GatewayUserStore;
import net.azt3knet.ports.out.submission.GatewayUserStore.StoredGatewayUser;

/** {@link GatewayUserStore} in memory, names unique as in the database. */
public final class InMemoryGatewayUserStore extends InMemoryHashedSecretStore<StoredGatewayUser> implements GatewayUserStore {

    public InMemoryGatewayUserStore() {
        super((u, at) -> new StoredGatewayUser(u.name(), u.domains(), u.hash(), u.createdAt(), at));
    }
}

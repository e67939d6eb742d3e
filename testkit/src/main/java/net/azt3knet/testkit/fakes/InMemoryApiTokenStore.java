package net.azt3knet.testkit.fakes;

import net.azt3knet.ports.out.access.ApiTokenStore;
import net.azt3knet.ports.out.access.ApiTokenStore.StoredToken;

/** {@link ApiTokenStore} in memory, ids and names unique as in the database. */
public final class InMemoryApiTokenStore extends InMemoryHashedSecretStore<StoredToken> implements ApiTokenStore {

    public InMemoryApiTokenStore() {
        super((t, at) -> new StoredToken(t.id(), t.name(), t.role(), t.hash(), t.createdAt(), at));
    }
}

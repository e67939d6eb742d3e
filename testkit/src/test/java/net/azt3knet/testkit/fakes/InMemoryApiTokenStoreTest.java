package net.azt3knet.testkit.fakes;

import net.azt3knet.ports.out.access.ApiTokenStore;
import net.azt3knet.testkit.contracts.ApiTokenStoreContract;

/** The token fake obeys the contract the PostgreSQL token store runs. */
class InMemoryApiTokenStoreTest implements ApiTokenStoreContract {

    private final InMemoryApiTokenStore tokens = new InMemoryApiTokenStore();

    @Override
    public ApiTokenStore tokens() {
        return tokens;
    }
}

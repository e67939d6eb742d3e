package net.azt3knet.testkit.fakes;

import net.azt3knet.ports.out.submission.GatewayUserStore;
import net.azt3knet.testkit.contracts.GatewayUserStoreContract;

/** The gateway user fake obeys the contract the PostgreSQL gateway user store runs. */
class InMemoryGatewayUserStoreTest implements GatewayUserStoreContract {

    private final InMemoryGatewayUserStore users = new InMemoryGatewayUserStore();

    @Override
    public GatewayUserStore users() {
        return users;
    }
}

package net.azt3knet.adapters.persistence;

import java.time.Clock;
import net.azt3knet.ports.out.submission.GatewayUserStore;
import net.azt3knet.testkit.contracts.GatewayUserStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@code smtp_user} table runs the gateway user contract; the {@code api_token} table runs the token one in
 * {@link JooqStoresIT}: one class cannot run the hashed-secret contract for two kinds.
 */
class JooqGatewayUserStoreIT implements GatewayUserStoreContract {

    private static PostgresPersistence db;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("gateway-users"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    @Override
    public GatewayUserStore users() {
        return db.gatewayUsers();
    }
}

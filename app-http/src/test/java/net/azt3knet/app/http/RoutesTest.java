package net.azt3knet.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.azt3knet.testkit.fakes.InMemoryJobQueue;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private static List<Routes.Route> routes() {
        Routes routes = new Routes();
        Jobs jobs = new Jobs(new InMemoryJobQueue(java.time.Clock.systemUTC()), 1, java.nio.file.Path.of("."), Failures::problem);
        register(routes, jobs);
        return routes.all();
    }

    /** Every endpoint class's routes, as the server registers them (no use case runs while registering). */
    static void register(Routes routes, Jobs jobs) {
        new PopulationEndpoints(null, null, null, null, null, null, null, null, null, jobs, 0).register(routes);
        new ReconcileEndpoints(null, null, null, null, null, null, null, jobs, 0).register(routes);
        new OperatorEndpoints(null, null, null, null, null, jobs, null, null).register(routes);
        new MailQueueEndpoints(null, null, 0).register(routes);
        new ResponderEndpoints(null, null, 0).register(routes);
    }

    @Test
    void theAllowedMethodsOfAPathComeFromTheRegisteredRoutes() {
        List<Routes.Route> all = routes();
        assertThat(Routes.allowed(all, "/api/populate")).containsExactly("POST");
        assertThat(Routes.allowed(all, "/api/populations/")).containsExactly("GET", "HEAD");
        assertThat(Routes.allowed(all, "/api/populations/6f1c")).containsExactly("GET", "HEAD", "DELETE");
        assertThat(Routes.allowed(all, "/api/populations/6f1c/mailboxes:plan")).containsExactly("POST");
        assertThat(Routes.allowed(all, "/api/populations/6f1c/mailboxes:nope")).isEmpty();
        assertThat(Routes.allowed(all, "/api/queue/42:hold")).containsExactly("POST");
        assertThat(Routes.allowed(all, "/api/queue/42")).containsExactly("GET", "HEAD", "DELETE");
        assertThat(Routes.allowed(all, "/api/populations/a/b")).isEmpty();
        assertThat(Routes.allowed(all, "/api/populations/6f1c/responder")).containsExactly("POST", "DELETE", "GET", "HEAD");
        assertThat(Routes.allowed(all, "/api/populations/6f1c/responder/policy")).containsExactly("PUT");
        assertThat(Routes.allowed(all, "/api/responder/drafts/7:approve")).containsExactly("POST");
        assertThat(Routes.allowed(all, "/nothing")).isEmpty();
    }

    @Test
    void aBrokenPercentEscapeNamesItsParameter() {
        AdminApi.checkQuery(null);
        AdminApi.checkQuery("limit=10&cursor=aTEw&action=mailbox%2Ecreate");
        assertThatThrownBy(() -> AdminApi.checkQuery("limit=1&cursor=%%%%")).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status).isEqualTo(400);
            assertThat(p.field).isEqualTo("cursor");
        });
    }

    @Test
    void aClientThatWentAwayIsNotAServerFailure() {
        assertThat(AdminApi.clientGone(new java.io.UncheckedIOException(new java.io.EOFException("reset")))).isTrue();
        assertThat(AdminApi.clientGone(new IllegalStateException("bug"))).isFalse();
    }
}

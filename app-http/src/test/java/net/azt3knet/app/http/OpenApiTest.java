package net.azt3knet.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import net.azt3knet.testkit.fakes.InMemoryJobQueue;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routes the server registers, each with the role it really asks for. */
class OpenApiTest {

    @Test
    void theDocumentListsEveryRouteWithItsRoleAndNothingElse() throws Exception {
        Routes routes = new Routes();
        Jobs jobs = new Jobs(new InMemoryJobQueue(java.time.Clock.systemUTC()), 1, java.nio.file.Path.of("."), Failures::problem);
        RoutesTest.register(routes, jobs);
        Map<String, String> registered = new TreeMap<>();
        for (Routes.Route r : routes.all()) registered.put(r.method() + " " + r.path(), r.level().name().toLowerCase());

        JsonNode doc = Json.MAPPER.readTree(OpenApiTest.class.getResourceAsStream("openapi.json"));
        Map<String, String> documented = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                documented.put(op.getKey().toUpperCase() + " " + p.getKey(), op.getValue().path("x-azt3knet-role").asText("open"));
                assertThat(op.getValue().get("responses")).as(op.getKey() + " " + p.getKey()).isNotEmpty();
            }
        }
        assertThat(documented).isEqualTo(registered);
        assertThat(registered).containsEntry("POST /api/populate", "admin").containsEntry("GET /healthz", "open")
                .containsEntry("GET /api/populations", "read");
    }
}

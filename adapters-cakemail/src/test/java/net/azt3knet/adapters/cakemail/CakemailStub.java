package net.azt3knet.adapters.cakemail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.testkit.http.ProviderStub;

/**
 * A stateful Cakemail Next-gen API inside WireMock, as PROVIDER-APIS.md §3 documents it: {@code POST /token} with a
 * form body (password and refresh_token grants, refresh tokens rotated, 401 with a {@code challenge} for two-factor
 * users), Bearer tokens that the stub can expire at once, senders under {@code /brands/default} with string ids and a
 * {@code confirmed} flag, FastAPI {@code detail} errors (422 validation), DKIM keys per domain. A second sender with
 * the same address answers 409 — the spec leaves this open, so the adapter also never relies on it in a reconcile.
 */
public final class CakemailStub extends ProviderStub {

    public static final String USER = "api@agents.example.org";
    public static final String PASSWORD = "cm-pass";
    public static final String MFA_USER = "boss@agents.example.org";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> senders = new TreeMap<>();
    private final Map<String, ObjectNode> dkim = new TreeMap<>();
    private final Set<String> accessTokens = new HashSet<>();
    private final Set<String> refreshTokens = new HashSet<>();
    private int nextDkim = 1;
    public final AtomicInteger passwordGrants = new AtomicInteger();
    public final AtomicInteger refreshGrants = new AtomicInteger();

    public static CakemailMailboxProvisioning adapter(WireMockServer server, String user, String password, int maxRetries) {
        return new CakemailMailboxProvisioning(new CakemailSettings(URI.create(server.baseUrl()), user, Secret.of(password), null,
                new ProviderLimits(Duration.ofMillis(800), 1000, maxRetries, Duration.ofMillis(1200))), Clock.systemUTC());
    }

    @Override
    public String getName() {
        return "cakemail";
    }

    /** Every access token stops working now (refresh tokens still do). */
    public synchronized void expireAccessTokens() {
        accessTokens.clear();
    }

    /** Every token, refresh tokens included, stops working now. */
    public synchronized void revokeAll() {
        accessTokens.clear();
        refreshTokens.clear();
    }

    /** A sender someone else made. */
    public synchronized void seed(String email, String name, boolean confirmed) {
        String id = UUID.randomUUID().toString();
        senders.put(id, sender(id, email, name).put("confirmed", confirmed));
    }

    public synchronized List<ObjectNode> senders(Predicate<ObjectNode> which) {
        return senders.values().stream().filter(which).map(ObjectNode::deepCopy).toList();
    }

    @Override
    protected boolean writes(String method, String path) {
        return !method.equals("GET") && !path.equals("/token");
    }

    @Override
    protected ResponseDefinition refuse(Request req, boolean write) {
        if (req.getUrl().startsWith("/token")) return null;
        String auth = req.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !accessTokens.contains(auth.substring(7))) {
            return json(401, "{\"detail\":\"Invalid or expired token\"}");
        }
        return null;
    }

    @Override
    protected ResponseDefinition unreadable() {
        return json(422, "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"Invalid JSON\",\"type\":\"value_error.jsondecode\"}]}");
    }

    @Override
    protected ResponseDefinition route(String method, String path, Map<String, String> query, String body) throws Exception {
        if (path.equals("/token") && method.equals("POST")) return token(form(body));
        JsonNode in = body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        if (path.equals("/brands/default/senders")) {
            if (method.equals("GET")) return page(List.copyOf(senders.values()), query);
            if (!method.equals("POST")) return json(405, "{\"detail\":\"Method Not Allowed\"}");
            String email = in.path("email").asText("");
            if (in.path("name").asText("").isEmpty()) return invalid("name", "ensure this value has at least 1 characters");
            if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) return invalid("email", "value is not a valid email address");
            if (senders.values().stream().anyMatch(s -> s.path("email").asText().equalsIgnoreCase(email))) {
                return json(409, "{\"detail\":\"Sender already exists\"}");
            }
            String id = UUID.randomUUID().toString();
            ObjectNode s = sender(id, email, in.path("name").asText());
            senders.put(id, s);
            return json(201, JSON.createObjectNode().put("id", id).put("created", true).put("object", "sender").set("data", s).toString());
        }
        if (path.startsWith("/brands/default/senders/")) {
            String id = path.substring("/brands/default/senders/".length());
            ObjectNode s = senders.get(id);
            if (s == null) return json(404, "{\"detail\":\"Not Found\"}");
            return switch (method) {
                case "GET" -> json(200, JSON.createObjectNode().set("data", s).toString());
                case "PATCH" -> {
                    if (in.has("name")) s.put("name", in.path("name").asText());
                    if (in.has("email")) yield invalid("email", "extra fields not permitted");
                    yield json(200, JSON.createObjectNode().put("id", id).put("updated", true).put("object", "sender").set("data", s).toString());
                }
                case "DELETE" -> {
                    senders.remove(id);
                    yield json(200, JSON.createObjectNode().put("id", id).put("deleted", true).put("object", "sender").toString());
                }
                default -> json(405, "{\"detail\":\"Method Not Allowed\"}");
            };
        }
        if (path.equals("/brands/default/dkim")) {
            if (method.equals("GET")) {
                ObjectNode out = JSON.createObjectNode();
                ArrayNode data = out.putArray("data");
                dkim.values().forEach(data::add);
                return json(200, out.toString());
            }
            String domain = in.path("domain").asText("");
            if (domain.isEmpty()) return invalid("domain", "field required");
            if (dkim.containsKey(domain)) return json(409, "{\"detail\":\"DKIM already exists for this domain\"}");
            ObjectNode k = JSON.createObjectNode().put("id", nextDkim++).put("status", "pending")
                    .put("selector", in.path("selector").asText("cm" + nextDkim)).put("domain", domain)
                    .put("public_key", "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC" + domain.length()).put("account_default", false);
            dkim.put(domain, k);
            return json(201, JSON.createObjectNode().put("object", "dkim").put("created", true).set("data", k).toString());
        }
        return json(404, "{\"detail\":\"Not Found\"}");
    }

    private ResponseDefinition token(Map<String, String> form) {
        String grant = form.getOrDefault("grant_type", "password");
        if (grant.equals("refresh_token")) {
            if (!refreshTokens.remove(form.getOrDefault("refresh_token", ""))) {
                return json(401, "{\"detail\":[{\"code\":401,\"msg\":\"Invalid refresh token\",\"type\":\"unauthorized\"}]}");
            }
            refreshGrants.incrementAndGet();
            return issue();
        }
        if (MFA_USER.equals(form.get("username"))) return json(401, "{\"challenge\":\"c-123\"}");
        if (!USER.equals(form.get("username")) || !PASSWORD.equals(form.get("password"))) {
            return json(401, "{\"detail\":[{\"code\":401,\"msg\":\"Incorrect username or password\",\"type\":\"unauthorized\"}]}");
        }
        passwordGrants.incrementAndGet();
        return issue();
    }

    private ResponseDefinition issue() {
        String access = "at-" + UUID.randomUUID();
        String refresh = "rt-" + UUID.randomUUID(); // rotated on every grant
        accessTokens.add(access);
        refreshTokens.add(refresh);
        ObjectNode out = JSON.createObjectNode().put("access_token", access).put("token_type", "bearer").put("expires_in", 3600)
                .put("refresh_token", refresh);
        out.putArray("accounts").add(1);
        return json(200, out.toString());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) out.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    private static ObjectNode sender(String id, String email, String name) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("email", email.toLowerCase(Locale.ROOT))
                .put("confirmed", false).putNull("confirmed_on").put("last_confirmation_sent_on", 1_790_000_000L)
                .put("language", "en_US");
    }

    private static ResponseDefinition page(List<ObjectNode> all, Map<String, String> query) {
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "50"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        if (perPage > 100 || page < 1) return invalid("per_page", "ensure this value is less than or equal to 100");
        ObjectNode out = JSON.createObjectNode();
        out.putObject("pagination").put("page", page).put("per_page", perPage);
        ArrayNode data = out.putArray("data");
        all.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(data::add);
        return json(200, out.toString());
    }

    private static ResponseDefinition invalid(String field, String msg) {
        ObjectNode out = JSON.createObjectNode();
        out.putArray("detail").addObject().put("msg", msg).put("type", "value_error").putArray("loc").add("body").add(field);
        return json(422, out.toString());
    }
}

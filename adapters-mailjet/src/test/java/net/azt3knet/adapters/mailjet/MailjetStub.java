package net.azt3knet.adapters.mailjet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.testkit.http.ProviderStub;

/**
 * A stateful Mailjet v3 REST API inside WireMock, as PROVIDER-APIS.md §1 documents it: Basic auth (401), the
 * {@code {Count, Data, Total}} envelope, 201 on create, 204 on delete, 304 for a PUT that changes nothing, 404
 * "Object not found", soft-deleted senders that still block their address with MJ18, MJ19 for a writable-looking
 * {@code Status}, the DNS object a domain's first sender creates and its {@code /check}, parse routes (403 on a free
 * plan key), and 400 for resources that do not exist ({@code domain}, {@code inbound}).
 */
public final class MailjetStub extends ProviderStub {

    public static final String KEY = "mj-key";
    public static final String SECRET = "mj-secret";
    /** An account without the Parse API (free plan). */
    public static final String FREE_KEY = "mj-free";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, ObjectNode> senders = new TreeMap<>();
    private final Map<String, ObjectNode> dns = new TreeMap<>();
    private final Map<Long, ObjectNode> routes = new TreeMap<>();
    private final Set<String> published = new HashSet<>();
    private long nextId = 100;
    private boolean freePlan;

    public static MailjetMailboxProvisioning adapter(WireMockServer server, String key, String secret, String inbound, int maxRetries) {
        return new MailjetMailboxProvisioning(new MailjetSettings(URI.create(server.baseUrl()), key, Secret.of(secret),
                inbound == null ? null : URI.create(inbound),
                new ProviderLimits(Duration.ofMillis(800), 1000, maxRetries, Duration.ofMillis(1200))));
    }

    @Override
    public String getName() {
        return "mailjet";
    }

    /** The DKIM record of {@code domain} is now in DNS: a check reports OK. */
    public synchronized void publish(String domain) {
        published.add(domain);
    }

    /** A sender someone else made, with a status ({@code Active}, {@code Deleted}, …). */
    public synchronized void seed(String email, String name, String status) {
        long id = nextId++;
        senders.put(id, sender(id, email, name).put("Status", status));
    }

    public synchronized List<ObjectNode> senders(Predicate<ObjectNode> which) {
        return senders.values().stream().filter(which).map(ObjectNode::deepCopy).toList();
    }

    public synchronized List<ObjectNode> routes() {
        return routes.values().stream().map(ObjectNode::deepCopy).toList();
    }

    @Override
    protected ResponseDefinition refuse(Request req, boolean write) {
        String auth = req.getHeader("Authorization");
        String good = "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        String free = "Basic " + Base64.getEncoder().encodeToString((FREE_KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        freePlan = free.equals(auth);
        if (!good.equals(auth) && !freePlan) return error(401, "API key authentication/authorization failure. You may be unauthorized to access the API or your API key may be expired. Visit API keys management section to check your keys.");
        return null;
    }

    @Override
    protected ResponseDefinition unreadable() {
        return error(400, "Invalid json input: object expected");
    }

    @Override
    protected ResponseDefinition route(String method, String path, Map<String, String> query, String body) throws Exception {
        if (!path.startsWith("/v3/REST/")) return error(404, "Not found");
        String[] parts = path.substring("/v3/REST/".length()).split("/");
        JsonNode in = body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        return switch (parts[0]) {
            case "sender" -> sender(method, parts, query, in);
            case "dns" -> dns(method, parts);
            case "parseroute" -> parseroute(method, parts, query, in);
            default -> error(400, "Unknown resource: \"" + parts[0] + "\"");
        };
    }

    private ResponseDefinition sender(String method, String[] parts, Map<String, String> query, JsonNode in) {
        if (parts.length == 1 && method.equals("GET")) {
            boolean deleted = "true".equalsIgnoreCase(query.get("ShowDeleted"));
            String domain = query.get("Domain");
            return page(senders.values().stream()
                    .filter(s -> deleted || !s.path("Status").asText().equals("Deleted"))
                    .filter(s -> domain == null || s.path("Email").asText().endsWith("@" + domain)).toList(), query);
        }
        if (parts.length == 1 && method.equals("POST")) {
            String email = in.path("Email").asText("").toLowerCase(Locale.ROOT);
            if (email.isEmpty() || !email.contains("@")) return error(400, "MJ03 A non-empty value is required for property Email");
            if (lookup(email) != null) {
                return error(400, "MJ18 A Sender resource with value \"" + email + "\" for Email already exists.");
            }
            long id = nextId++;
            ObjectNode s = sender(id, email, in.path("Name").asText(""));
            senders.put(id, s);
            String domain = email.substring(email.indexOf('@') + 1);
            dns.computeIfAbsent(domain, d -> JSON.createObjectNode().put("ID", nextId++).put("Domain", d)
                    .put("DKIMRecordName", "mailjet._domainkey." + d).put("DKIMRecordValue", "k=rsa; p=MIGfMA0GCSqGSIb3DQEB" + d.length())
                    .put("DKIMStatus", "Not checked").put("SPFRecordValue", "v=spf1 include:spf.mailjet.com ?all")
                    .put("SPFStatus", "Not checked").put("OwnerShipToken", "tok" + d.hashCode())
                    .put("OwnerShipTokenRecordName", "mailjet._" + Integer.toHexString(d.hashCode())));
            s.put("DNSID", dns.get(domain).path("ID").asLong());
            return envelope(201, s);
        }
        ObjectNode s = parts.length == 2 ? lookup(parts[1]) : null;
        if (s == null) return error(404, "Object not found");
        if (method.equals("GET")) return envelope(200, s);
        if (method.equals("PUT")) {
            if (in.has("Status")) return error(400, "MJ19 Setting a value for property \"Status\" is not allowed");
            boolean revived = s.path("Status").asText().equals("Deleted");
            boolean changed = revived || in.has("Name") && !in.path("Name").asText().equals(s.path("Name").asText());
            if (revived) s.put("Status", "Inactive");
            if (in.has("Name")) s.put("Name", in.path("Name").asText());
            if (in.has("EmailType")) s.put("EmailType", in.path("EmailType").asText());
            return changed ? envelope(200, s) : empty(304);
        }
        if (method.equals("DELETE")) {
            if (s.path("Status").asText().equals("Deleted")) return error(404, "Object not found");
            s.put("Status", "Deleted");
            return empty(204);
        }
        return error(405, "Method not allowed");
    }

    private ResponseDefinition dns(String method, String[] parts) {
        if (parts.length < 2) return page(List.copyOf(dns.values()), Map.of());
        ObjectNode d = dns.values().stream()
                .filter(x -> x.path("Domain").asText().equalsIgnoreCase(parts[1]) || x.path("ID").asText().equals(parts[1]))
                .findFirst().orElse(null);
        if (d == null) return error(404, "Object not found");
        if (parts.length == 2 && method.equals("GET")) return envelope(200, d);
        if (parts.length == 3 && parts[2].equals("check") && method.equals("POST")) {
            boolean ok = published.contains(d.path("Domain").asText());
            d.put("DKIMStatus", ok ? "OK" : "Error").put("SPFStatus", ok ? "OK" : "Error");
            ObjectNode check = JSON.createObjectNode().put("DKIMStatus", d.path("DKIMStatus").asText())
                    .put("SPFStatus", d.path("SPFStatus").asText())
                    .put("DKIMRecordCurrentValue", ok ? d.path("DKIMRecordValue").asText() : "");
            check.putArray("DKIMErrors");
            if (!ok) ((ArrayNode) check.get("DKIMErrors")).add("No DKIM record found");
            check.putArray("SPFErrors");
            check.putArray("SPFRecordsCurrentValues");
            return envelope(200, check);
        }
        return error(405, "Method not allowed");
    }

    private ResponseDefinition parseroute(String method, String[] parts, Map<String, String> query, JsonNode in) {
        if (freePlan) return error(403, "The Parse API is not available on your plan");
        if (parts.length == 1 && method.equals("GET")) return page(List.copyOf(routes.values()), query);
        if (parts.length == 1 && method.equals("POST")) {
            String url = in.path("Url").asText("");
            if (url.isEmpty() || URI.create(url).getPath().length() <= 1) return error(400, "MJ13 Url must not be the site root");
            long id = nextId++;
            ObjectNode r = JSON.createObjectNode().put("ID", id).put("Url", url).put("APIKeyID", 11111111)
                    .put("Email", in.path("Email").asText(Long.toHexString(id) + "@parse-in1.mailjet.com"));
            routes.put(id, r);
            return envelope(201, r);
        }
        ObjectNode r = parts.length == 2 ? routes.get(Long.parseLong(parts[1])) : null;
        if (r == null) return error(404, "Object not found");
        return switch (method) {
            case "GET" -> envelope(200, r);
            case "PUT" -> {
                if (in.has("Url")) r.put("Url", in.path("Url").asText());
                if (in.has("Email")) r.put("Email", in.path("Email").asText());
                yield envelope(200, r);
            }
            case "DELETE" -> {
                routes.remove(r.path("ID").asLong());
                yield empty(204);
            }
            default -> error(405, "Method not allowed");
        };
    }

    private ObjectNode lookup(String idOrEmail) {
        return senders.values().stream().filter(s -> s.path("ID").asText().equals(idOrEmail)
                || s.path("Email").asText().equalsIgnoreCase(idOrEmail)).findFirst().orElse(null);
    }

    private static ObjectNode sender(long id, String email, String name) {
        return JSON.createObjectNode().put("ID", id).put("Email", email.toLowerCase(Locale.ROOT)).put("Name", name)
                .put("EmailType", "transactional").put("Status", "Inactive").put("IsDefaultSender", false)
                .put("CreatedAt", "2026-11-21T10:00:00Z").put("Filename", "");
    }

    private static ResponseDefinition page(List<ObjectNode> all, Map<String, String> query) {
        int limit = Math.min(1000, Integer.parseInt(query.getOrDefault("Limit", "10")));
        int offset = Integer.parseInt(query.getOrDefault("Offset", "0"));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode data = out.putArray("Data");
        all.stream().skip(offset).limit(limit).forEach(data::add);
        out.put("Count", data.size()).put("Total", all.size());
        return json(200, out.toString());
    }

    private static ResponseDefinition envelope(int status, ObjectNode one) {
        ObjectNode out = JSON.createObjectNode().put("Count", 1).put("Total", 1);
        out.putArray("Data").add(one);
        return json(status, out.toString());
    }

    private static ResponseDefinition error(int status, String message) {
        return json(status, JSON.createObjectNode().put("ErrorInfo", "").put("ErrorMessage", message).put("StatusCode", status).toString());
    }
}

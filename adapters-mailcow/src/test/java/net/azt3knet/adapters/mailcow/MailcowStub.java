package net.azt3knet.adapters.mailcow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful Mailcow inside WireMock, following the documented contract (PROVIDER-APIS.md §2): X-API-Key (401 bad
 * key, 403 read-only key on writes), HTTP 200 with {@code type: danger} for business failures, {@code {}} for an
 * absent object, {@code access_denied} when deleting a missing mailbox, domains that get a DKIM key. Optionally
 * injects faults: 5xx, 429 with Retry-After, answers delayed past the client's timeout, reset connections — the last
 * two also after the write took effect, as a real network does.
 */
final class MailcowStub implements ResponseDefinitionTransformerV2 {

    static final String KEY = "rw-key-123";
    static final String READ_ONLY_KEY = "ro-key-456";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> domains = new TreeMap<>();
    private final Map<String, ObjectNode> mailboxes = new TreeMap<>();
    private final Map<String, String> passwords = new TreeMap<>();
    private SplittableRandom random = new SplittableRandom(1);
    private double faultRate;
    private int timeoutDelayMillis;
    private String forcedBody;
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger faults = new AtomicInteger();
    final AtomicInteger rateLimited = new AtomicInteger();

    /** A WireMock server on a free port whose every answer comes from {@code stub}; started. */
    static com.github.tomakehurst.wiremock.WireMockServer serve(MailcowStub stub) {
        var server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort().extensions(stub));
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()));
        return server;
    }

    /** The adapter pointed at {@code server}: short timeouts and waits, no rate limit to speak of. */
    static MailcowMailboxProvisioning adapter(com.github.tomakehurst.wiremock.WireMockServer server, String key, int maxRetries) {
        return new MailcowMailboxProvisioning(new MailcowSettings(java.net.URI.create(server.baseUrl()),
                net.azt3knet.domain.credential.Secret.of(key), 1024, 1000,
                new net.azt3knet.adapters.http.ProviderLimits(java.time.Duration.ofMillis(800), 1000, maxRetries,
                        java.time.Duration.ofMillis(1200))));
    }

    @Override
    public String getName() {
        return "mailcow";
    }

    synchronized void faults(double rate, long seed, int timeoutDelayMillis) {
        this.faultRate = rate;
        this.random = new SplittableRandom(seed);
        this.timeoutDelayMillis = timeoutDelayMillis;
    }

    /** Every next answer is this body (malformed-JSON tests); null to stop. */
    synchronized void forceBody(String body) {
        this.forcedBody = body;
    }

    synchronized String password(String address) {
        return passwords.get(address);
    }

    synchronized int mailboxCount() {
        return mailboxes.size();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request req = event.getRequest();
        String path = URLDecoder.decode(req.getUrl().replaceFirst("\\?.*", ""), StandardCharsets.UTF_8);
        boolean write = req.getMethod().getName().equals("POST");
        if (forcedBody != null) return ok(forcedBody);
        String key = req.getHeader("X-API-Key");
        if (!KEY.equals(key) && !READ_ONLY_KEY.equals(key)) return json(401, "{\"type\":\"error\",\"msg\":\"authentication failed\"}");
        if (write && READ_ONLY_KEY.equals(key)) return json(403, "{\"type\":\"error\",\"msg\":\"API read/write access denied\"}");

        int fault = faultRate > 0 && random.nextDouble() < faultRate ? random.nextInt(6) : -1;
        if (fault >= 0) faults.incrementAndGet();
        if (fault == 0) return json(500, "<html>Internal Server Error</html>");
        if (fault == 1) {
            rateLimited.incrementAndGet();
            return new ResponseDefinitionBuilder().withStatus(429).withHeader("Retry-After", "1").withBody("Too Many Requests").build();
        }
        if (fault == 2) return new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        if (write) writes.incrementAndGet();
        ResponseDefinition answer;
        try {
            answer = route(req.getMethod().getName(), path, req.getBodyAsString());
        } catch (Exception e) {
            answer = json(400, "{\"type\":\"error\",\"msg\":\"Request body doesn't contain valid json!\"}");
        }
        if (fault == 3) return new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build(); // after the effect
        if (fault == 4) return ResponseDefinitionBuilder.like(answer).withFixedDelay(timeoutDelayMillis).build(); // too late
        return answer;
    }

    private ResponseDefinition route(String method, String path, String body) throws Exception {
        if (method.equals("GET") && path.equals("/api/v1/get/domain/all")) {
            ArrayNode all = JSON.createArrayNode();
            domains.values().forEach(all::add);
            return ok(all.toString());
        }
        if (method.equals("GET") && path.startsWith("/api/v1/get/domain/")) {
            ObjectNode d = domains.get(path.substring("/api/v1/get/domain/".length()));
            return ok(d == null ? "{}" : d.toString());
        }
        if (method.equals("GET") && path.startsWith("/api/v1/get/mailbox/all/")) {
            String domain = path.substring("/api/v1/get/mailbox/all/".length());
            ArrayNode all = JSON.createArrayNode();
            mailboxes.values().stream().filter(m -> m.path("domain").asText().equals(domain)).forEach(all::add);
            return ok(all.isEmpty() ? "{}" : all.toString());
        }
        if (method.equals("GET") && path.startsWith("/api/v1/get/mailbox/")) {
            ObjectNode m = mailboxes.get(path.substring("/api/v1/get/mailbox/".length()));
            return ok(m == null ? "{}" : m.toString());
        }
        if (method.equals("GET") && path.startsWith("/api/v1/get/dkim/")) {
            String domain = path.substring("/api/v1/get/dkim/".length());
            return ok(!domains.containsKey(domain) ? "{}" : "{\"pubkey\":\"MIIBIjAN\",\"length\":\"2048\",\"dkim_txt\":"
                    + "\"\\\"v=DKIM1;k=rsa;t=s;s=email;p=MIIBIjANBgkq\\\" \\\"hkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\\\"\",\"dkim_selector\":\"dkim\","
                    + "\"privkey\":\"\"}");
        }
        if (!method.equals("POST")) return json(405, "{\"type\":\"error\",\"msg\":\"only POST method is allowed\"}");
        JsonNode in = JSON.readTree(body);
        switch (path) {
            case "/api/v1/add/domain" -> {
                String domain = in.path("domain").asText();
                if (domains.containsKey(domain)) return log("danger", "[\"domain_exists\",\"" + domain + "\"]");
                ObjectNode d = JSON.createObjectNode().put("domain_name", domain).put("active", 1)
                        .put("max_num_mboxes_for_domain", in.path("mailboxes").asInt(10));
                domains.put(domain, d);
                return ok("[{\"type\":\"success\",\"msg\":[\"dkim_added\",\"" + domain + "\"]},{\"type\":\"success\",\"msg\":[\"domain_added\",\""
                        + domain + "\"]}]");
            }
            case "/api/v1/add/mailbox" -> {
                String domain = in.path("domain").asText();
                String address = in.path("local_part").asText() + "@" + domain;
                if (!domains.containsKey(domain)) return log("danger", "[\"domain_not_found\",\"" + domain + "\"]");
                if (mailboxes.containsKey(address)) return log("danger", "[\"object_exists\",\"" + address + "\"]");
                if (in.path("password").asText().isEmpty() || !in.path("password").asText().equals(in.path("password2").asText())) {
                    return log("danger", "\"password_complexity\"");
                }
                if (mailboxes.values().stream().filter(m -> m.path("domain").asText().equals(domain)).count()
                        >= domains.get(domain).path("max_num_mboxes_for_domain").asInt()) {
                    return log("danger", "[\"max_mailbox_exceeded\",10,10]");
                }
                ObjectNode m = JSON.createObjectNode().put("username", address).put("local_part", in.path("local_part").asText())
                        .put("domain", domain).put("name", in.path("name").asText()).put("active", 1).put("active_int", 1)
                        .put("quota", in.path("quota").asLong() * 1024 * 1024);
                m.set("tags", in.path("tags").isArray() ? in.path("tags") : JSON.createArrayNode());
                mailboxes.put(address, m);
                passwords.put(address, in.path("password").asText());
                return log("success", "[\"mailbox_added\",\"" + address + "\"]");
            }
            case "/api/v1/edit/mailbox" -> {
                String address = in.path("items").path(0).asText();
                ObjectNode m = mailboxes.get(address);
                if (m == null) return log("danger", "\"access_denied\"");
                JsonNode attr = in.path("attr");
                if (attr.has("name")) m.put("name", attr.path("name").asText());
                if (attr.has("password")) passwords.put(address, attr.path("password").asText());
                return log("success", "[\"mailbox_modified\",\"" + address + "\"]");
            }
            case "/api/v1/delete/mailbox" -> {
                ArrayNode out = JSON.createArrayNode();
                for (JsonNode item : in) {
                    String address = item.asText();
                    if (mailboxes.remove(address) == null) out.add(entry("danger", "\"access_denied\""));
                    else {
                        passwords.remove(address);
                        out.add(entry("success", "[\"mailbox_removed\",\"" + address + "\"]"));
                    }
                }
                return ok(out.toString());
            }
            default -> {
                return json(404, "{\"type\":\"error\",\"msg\":\"route not found\"}");
            }
        }
    }

    private static ObjectNode entry(String type, String msg) {
        try {
            return JSON.createObjectNode().put("type", type).set("msg", JSON.readTree(msg));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinition log(String type, String msg) {
        return ok(JSON.createArrayNode().add(entry(type, msg).put("log", "[]")).toString());
    }

    private static ResponseDefinition ok(String body) {
        return json(200, body);
    }

    private static ResponseDefinition json(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }
}

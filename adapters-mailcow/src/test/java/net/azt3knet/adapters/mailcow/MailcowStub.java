package net.azt3knet.adapters.mailcow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.testkit.http.ProviderStub;

/**
 * A stateful Mailcow inside WireMock, following the documented contract (PROVIDER-APIS.md §2): X-API-Key (401 bad
 * key, 403 read-only key on writes), HTTP 200 with {@code type: danger} for business failures, {@code {}} for an
 * absent object, {@code access_denied} when deleting a missing mailbox, domains that get a DKIM key. Faults come
 * from {@link ProviderStub}.
 */
final class MailcowStub extends ProviderStub {

    static final String KEY = "rw-key-123";
    static final String READ_ONLY_KEY = "ro-key-456";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> domains = new TreeMap<>();
    private final java.util.Set<String> dkim = new java.util.TreeSet<>();
    private final Map<String, ObjectNode> mailboxes = new TreeMap<>();
    private final Map<String, String> passwords = new TreeMap<>();
    private final Map<Integer, ObjectNode> appPasswords = new TreeMap<>();
    private int nextAppPassword = 1;

    /** The adapter pointed at {@code server}: short timeouts and waits, no rate limit to speak of. */
    static MailcowMailboxProvisioning adapter(WireMockServer server, String key, int maxRetries) {
        return new MailcowMailboxProvisioning(new MailcowSettings(URI.create(server.baseUrl()), Secret.of(key), 1024, 1000, true,
                new ProviderLimits(Duration.ofMillis(800), 1000, maxRetries, Duration.ofMillis(1200))));
    }

    @Override
    public String getName() {
        return "mailcow";
    }

    /** Removes the domain's DKIM key, as an admin might in Mailcow's UI. */
    synchronized void dropDkim(String domain) {
        dkim.remove(domain);
    }

    synchronized String password(String address) {
        return passwords.get(address);
    }

    /** An app password of {@code name} on the mailbox, as an earlier run might have left. */
    synchronized void seedAppPassword(String address, String name) {
        int id = nextAppPassword++;
        appPasswords.put(id, JSON.createObjectNode().put("id", id).put("name", name).put("mailbox", address).put("active", 1)
                .put("app_passwd", "stray"));
    }

    /** The app passwords of a mailbox as Mailcow stores them (the secret under {@code app_passwd}). */
    synchronized java.util.List<ObjectNode> appPasswords(String address) {
        return appPasswords.values().stream().filter(a -> a.path("mailbox").asText().equals(address)).map(ObjectNode::deepCopy).toList();
    }

    @Override
    protected ResponseDefinition refuse(Request req, boolean write) {
        String key = req.getHeader("X-API-Key");
        if (!KEY.equals(key) && !READ_ONLY_KEY.equals(key)) return json(401, "{\"type\":\"error\",\"msg\":\"authentication failed\"}");
        if (write && READ_ONLY_KEY.equals(key)) return json(403, "{\"type\":\"error\",\"msg\":\"API read/write access denied\"}");
        return null;
    }

    @Override
    protected ResponseDefinition unreadable() {
        return json(400, "{\"type\":\"error\",\"msg\":\"Request body doesn't contain valid json!\"}");
    }

    @Override
    protected ResponseDefinition route(String method, String path, Map<String, String> query, String body) throws Exception {
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
        if (method.equals("GET") && path.startsWith("/api/v1/get/app-passwd/all/")) {
            String mailbox = path.substring("/api/v1/get/app-passwd/all/".length());
            ArrayNode all = JSON.createArrayNode();
            appPasswords.values().stream().filter(a -> a.path("mailbox").asText().equals(mailbox))
                    .forEach(a -> all.add(a.deepCopy().without("app_passwd")));
            return ok(all.toString());
        }
        if (method.equals("GET") && path.startsWith("/api/v1/get/dkim/")) {
            String domain = path.substring("/api/v1/get/dkim/".length());
            return ok(!dkim.contains(domain) ? "{}" : "{\"pubkey\":\"MIIBIjAN\",\"length\":\"2048\",\"dkim_txt\":"
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
                dkim.add(domain);
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
            case "/api/v1/add/app-passwd" -> {
                // without "username", an API-key call acts as the session user "API" and is refused
                String mailbox = in.path("username").asText("");
                if (!mailboxes.containsKey(mailbox)) return log("danger", "\"access_denied\"");
                if (in.path("app_name").asText("").isEmpty()) return log("danger", "\"app_name_empty\"");
                if (!in.path("app_passwd").asText().equals(in.path("app_passwd2").asText())) return log("danger", "\"password_mismatch\"");
                int id = nextAppPassword++;
                ObjectNode a = JSON.createObjectNode().put("id", id).put("name", in.path("app_name").asText()).put("mailbox", mailbox)
                        .put("domain", mailbox.substring(mailbox.indexOf('@') + 1)).put("active", in.path("active").asInt(0))
                        .put("app_passwd", in.path("app_passwd").asText());
                for (String p : new String[] {"imap_access", "smtp_access", "dav_access", "eas_access", "pop3_access", "sieve_access"}) {
                    boolean on = false;
                    for (JsonNode q : in.path("protocols")) on |= q.asText().equals(p);
                    a.put(p, on ? 1 : 0); // omitted protocols are disabled
                }
                appPasswords.put(id, a);
                return log("success", "\"app_passwd_added\"");
            }
            case "/api/v1/edit/app-passwd" -> {
                ObjectNode a = appPasswords.get(in.path("items").path(0).asInt(-1));
                if (a == null) return log("danger", "\"app_passwd_id_invalid\"");
                JsonNode attr = in.path("attr");
                if (attr.has("app_passwd")) a.put("app_passwd", attr.path("app_passwd").asText());
                if (attr.has("active")) a.put("active", attr.path("active").asInt());
                return log("success", "[\"object_modified\",\"" + a.path("id").asText() + "\"]");
            }
            case "/api/v1/delete/app-passwd" -> {
                ArrayNode out = JSON.createArrayNode();
                for (JsonNode item : in) {
                    out.add(appPasswords.remove(item.asInt(-1)) == null ? entry("danger", "\"app_passwd_id_invalid\"")
                            : entry("success", "[\"app_passwd_removed\",\"" + item.asText() + "\"]"));
                }
                return ok(out.toString());
            }
            case "/api/v1/edit/domain" -> {
                ArrayNode out = JSON.createArrayNode();
                for (JsonNode item : in.path("items")) {
                    ObjectNode d = domains.get(item.asText());
                    if (d == null) out.add(entry("danger", "\"access_denied\""));
                    else {
                        if (in.path("attr").has("mailboxes")) d.put("max_num_mboxes_for_domain", in.path("attr").path("mailboxes").asInt());
                        out.add(entry("success", "[\"domain_modified\",\"" + item.asText() + "\"]"));
                    }
                }
                return ok(out.toString());
            }
            case "/api/v1/add/dkim" -> {
                String domain = in.path("domains").asText();
                if (!domains.containsKey(domain) || !dkim.add(domain)) return log("danger", "[\"dkim_domain_or_sel_invalid\",\"" + domain + "\"]");
                return log("success", "[\"dkim_added\",\"" + domain + "\"]");
            }
            case "/api/v1/delete/mailbox" -> {
                ArrayNode out = JSON.createArrayNode();
                for (JsonNode item : in) {
                    String address = item.asText();
                    if (mailboxes.remove(address) == null) out.add(entry("danger", "\"access_denied\""));
                    else {
                        passwords.remove(address);
                        appPasswords.values().removeIf(a -> a.path("mailbox").asText().equals(address));
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
}

package net.azt3knet.adapters.desec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.testkit.http.ProviderStub;

/**
 * A stateful deSEC API v1 inside WireMock, as PROVIDER-APIS.md §4 documents it: {@code Token} auth (401 "Invalid
 * token."), paths that must end with {@code /} (404 otherwise), domains (201, 400 when the name is taken, 404 for
 * another account's), RRsets listed newest first with cursor pagination (400 plus a {@code Link rel="first"} when more
 * than 500 match and no cursor is sent), bulk PATCH that is all-or-nothing with an error array parallel to the request
 * ({@code "@"} refused as a subname, unquoted TXT refused, TTL below the domain's {@code minimum_ttl} or above 86400
 * refused on {@code ttl}, SOA and DNSSEC types refused, duplicates refused, {@code records: []} deletes), and a write
 * budget per domain past which writes get 429 with Retry-After — counted whether or not the write is valid. Values are
 * stored in the server's own canonical spelling (IPv6 fully expanded), which differs from the client's on purpose.
 */
public final class DesecStub extends ProviderStub {

    public static final String TOKEN = "desec-token";
    static final int PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MANAGED = Set.of("SOA", "RRSIG", "NSEC", "NSEC3", "NSEC3PARAM", "KEY", "OPT");

    private record Set1(String subname, String type, int ttl, List<String> records, long created) {
    }

    private final Map<String, Integer> minimumTtl = new TreeMap<>();
    private final Map<String, Map<String, Set1>> zones = new TreeMap<>();
    private final Map<String, Deque<Long>> writeTimes = new HashMap<>();
    private int budgetWrites = Integer.MAX_VALUE;
    private long budgetMillis = 1000;
    private long clock;
    private String base = "";
    /** Bulk RRset writes that reached the zone logic (valid or not), per domain. */
    public final Map<String, Integer> rrsetWrites = new HashMap<>();

    public static DesecDnsRecords adapter(WireMockServer server, DesecStub stub, Duration maxWait, WriteBudget.Window... windows) {
        stub.base = server.baseUrl();
        DesecSettings settings = new DesecSettings(URI.create(server.baseUrl() + "/api/v1"), Secret.of(TOKEN),
                new ProviderLimits(Duration.ofSeconds(2), 1000, 3, maxWait));
        return windows.length == 0 ? new DesecDnsRecords(settings) : new DesecDnsRecords(settings, java.time.Clock.systemUTC(), windows);
    }

    @Override
    public String getName() {
        return "desec";
    }

    /** At most {@code writes} RRset writes per domain within {@code window}; beyond, 429 with Retry-After. */
    public synchronized void budget(int writes, Duration window) {
        this.budgetWrites = writes;
        this.budgetMillis = window.toMillis();
        writeTimes.clear();
    }

    /** A zone in the account, as if created earlier, with these sets ({@code subname type ttl value…} each). */
    public synchronized void zone(String domain, int minTtl, List<String[]> sets) {
        minimumTtl.put(domain, minTtl);
        Map<String, Set1> z = new TreeMap<>();
        z.put("/NS", new Set1("", "NS", 3600, List.of("ns1.desec.io.", "ns2.desec.org."), clock++));
        for (String[] s : sets) {
            z.put(s[0] + "/" + s[1], new Set1(s[0], s[1], Integer.parseInt(s[2]), List.of(s).subList(3, s.length), clock++));
        }
        zones.put(domain, z);
    }

    /** The records of {@code subname type} in {@code domain}, as stored; empty when absent. */
    public synchronized List<String> records(String domain, String subname, String type) {
        Set1 s = zones.getOrDefault(domain, Map.of()).get(subname + "/" + type);
        return s == null ? List.of() : s.records();
    }

    public synchronized int sets(String domain) {
        return zones.getOrDefault(domain, Map.of()).size();
    }

    @Override
    protected ResponseDefinition refuse(Request request, boolean write) {
        return ("Token " + TOKEN).equals(request.getHeader("Authorization")) ? null : json(401, "{\"detail\":\"Invalid token.\"}");
    }

    @Override
    protected ResponseDefinition unreadable() {
        return json(400, "{\"detail\":\"JSON parse error\"}");
    }

    @Override
    protected ResponseDefinition route(String method, String path, Map<String, String> query, String body) throws Exception {
        if (!path.startsWith("/api/v1/") || !path.endsWith("/")) return json(404, "{\"detail\":\"Not found.\"}");
        String[] p = path.substring("/api/v1/".length(), path.length() - 1).split("/", -1);
        if (p[0].equals("domains") && p.length == 1) {
            if (method.equals("GET")) {
                ArrayNode out = JSON.createArrayNode();
                String q = query.get("owns_qname");
                zones.keySet().stream().filter(d -> q == null || q.equals(d) || q.endsWith("." + d)).forEach(d -> out.add(domain(d)));
                return json(200, out.toString());
            }
            if (method.equals("POST")) {
                String name = JSON.readTree(body).path("name").asText();
                if (zones.containsKey(name)) {
                    return json(400, "{\"name\":[\"This domain name conflicts with an existing domain, or is disallowed by policy.\"]}");
                }
                zone(name, 3600, List.of());
                return json(201, domain(name).toString());
            }
        }
        if (p[0].equals("domains") && p.length >= 2) {
            String d = p[1];
            if (!zones.containsKey(d)) return json(404, "{\"detail\":\"Not found.\"}");
            if (p.length == 2 && method.equals("GET")) return json(200, domain(d).toString());
            if (p.length == 3 && p[2].equals("rrsets")) {
                if (method.equals("GET")) return list(d, query);
                if (method.equals("PATCH")) return patch(d, JSON.readTree(body));
            }
        }
        return json(405, "{\"detail\":\"Method \\\"" + method + "\\\" not allowed.\"}");
    }

    private ObjectNode domain(String d) {
        return JSON.createObjectNode().put("name", d).put("minimum_ttl", minimumTtl.get(d)).put("created", "2026-11-01T00:00:00Z");
    }

    private ResponseDefinition list(String d, Map<String, String> query) {
        List<Set1> all = new ArrayList<>(zones.get(d).values());
        all.sort((a, b) -> Long.compare(b.created(), a.created())); // newest first
        String self = base + "/api/v1/domains/" + d + "/rrsets/";
        if (!query.containsKey("cursor")) {
            if (all.size() > PAGE) {
                return new ResponseDefinitionBuilder().withStatus(400).withHeader("Content-Type", "application/json")
                        .withHeader("Link", "<" + self + "?cursor=>; rel=\"first\"")
                        .withBody("{\"detail\":\"Pagination required. You can query up to 500 items at a time (" + all.size()
                                + " total). Please use the `first` page link (see Link header).\"}").build();
            }
            return json(200, sets(all).toString());
        }
        int from = query.get("cursor").isEmpty() ? 0 : Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(query.get("cursor"))));
        int to = Math.min(all.size(), from + PAGE);
        ResponseDefinitionBuilder r = new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(sets(all.subList(from, to)).toString());
        List<String> links = new ArrayList<>();
        links.add("<" + self + "?cursor=>; rel=\"first\"");
        if (to < all.size()) {
            links.add("<" + self + "?cursor=" + java.util.Base64.getUrlEncoder().encodeToString(Integer.toString(to).getBytes()) + ">; rel=\"next\"");
        }
        return r.withHeader("Link", String.join(", ", links)).build();
    }

    private static ArrayNode sets(List<Set1> sets) {
        ArrayNode out = JSON.createArrayNode();
        for (Set1 s : sets) {
            ObjectNode o = out.addObject().put("subname", s.subname()).put("type", s.type()).put("ttl", s.ttl());
            s.records().forEach(o.putArray("records")::add);
        }
        return out;
    }

    private ResponseDefinition patch(String d, JsonNode body) {
        // throttling comes first, and a refused or invalid write still spends the budget
        Deque<Long> times = writeTimes.computeIfAbsent(d, k -> new ArrayDeque<>());
        long now = System.currentTimeMillis();
        while (!times.isEmpty() && times.peekFirst() <= now - budgetMillis) times.removeFirst();
        if (times.size() >= budgetWrites) {
            long wait = Math.max(1, (times.peekFirst() + budgetMillis - now + 999) / 1000);
            rateLimited.incrementAndGet();
            return new ResponseDefinitionBuilder().withStatus(429).withHeader("Retry-After", Long.toString(wait))
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\":\"Request was throttled. Expected available in " + wait + " seconds.\"}").build();
        }
        times.addLast(now);
        rrsetWrites.merge(d, 1, Integer::sum);
        if (!body.isArray()) return json(400, "{\"non_field_errors\":[\"Expected a list of items but got type \\\"dict\\\".\"]}");
        ArrayNode errors = JSON.createArrayNode();
        boolean bad = false;
        Map<String, Integer> seen = new HashMap<>();
        List<Set1> result = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            ObjectNode err = errors.addObject();
            String sub = item.path("subname").asText(null);
            String type = item.path("type").asText(null);
            if (sub == null || type == null) {
                err.putArray("non_field_errors").add("subname and type are required.");
            } else if (sub.equals("@") || !sub.equals(sub.toLowerCase())) {
                err.putArray("subname").add("Subname can only use (lowercase) a-z, 0-9, ., -, and _, may start with a '*.', or just be '*'.");
            } else if (MANAGED.contains(type) || (type.equals("NS") && sub.isEmpty() && item.has("records") && item.path("records").isEmpty())) {
                err.putArray("type").add("You cannot tinker with the " + type + " RRset.");
            } else if (seen.putIfAbsent(sub + "/" + type, i) != null) {
                err.putArray("non_field_errors").add("Same subname and type as in position(s) " + seen.get(sub + "/" + type) + ", but must be unique.");
            } else {
                List<String> records = new ArrayList<>();
                item.path("records").forEach(r -> records.add(r.asText()));
                int ttl = item.path("ttl").asInt(zones.get(d).containsKey(sub + "/" + type) ? zones.get(d).get(sub + "/" + type).ttl() : 3600);
                if (!records.isEmpty() && ttl < minimumTtl.get(d)) {
                    err.putArray("ttl").add("Ensure this value is greater than or equal to " + minimumTtl.get(d) + ".");
                } else if (ttl > 86400) {
                    err.putArray("ttl").add("Ensure this value is less than or equal to 86400.");
                } else {
                    try {
                        List<String> canonical = new ArrayList<>();
                        for (String r : records) canonical.add(canonical(type, r));
                        result.add(new Set1(sub, type, ttl, canonical, 0));
                    } catch (IllegalArgumentException e) {
                        err.putArray("records").add(e.getMessage());
                    }
                }
            }
            bad |= !err.isEmpty();
        }
        if (bad) return json(400, errors.toString());
        ArrayNode out = JSON.createArrayNode();
        for (Set1 s : result) {
            String key = s.subname() + "/" + s.type();
            if (s.records().isEmpty()) {
                zones.get(d).remove(key);
            } else {
                Set1 old = zones.get(d).get(key);
                Set1 stored = new Set1(s.subname(), s.type(), s.ttl(), s.records(), old == null ? clock++ : old.created());
                zones.get(d).put(key, stored);
                out.add(sets(List.of(stored)).get(0));
            }
        }
        return json(200, out.toString());
    }

    /** deSEC's own spelling of a value: TXT must arrive quoted; IPv6 is kept fully expanded here. */
    private static String canonical(String type, String value) {
        switch (type) {
            case "TXT" -> {
                if (!value.startsWith("\"") || !value.endsWith("\"")) {
                    throw new IllegalArgumentException("Record content malformed: TXT record content must be quoted: " + value);
                }
                return value;
            }
            case "AAAA" -> {
                try {
                    return InetAddress.getByName(value).getHostAddress();
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalArgumentException("Record content malformed: " + value);
                }
            }
            case "MX", "CNAME", "NS", "SRV" -> {
                if (!value.endsWith(".")) throw new IllegalArgumentException("Record content malformed: hostname must end with a dot: " + value);
                return value;
            }
            default -> {
                return value;
            }
        }
    }
}

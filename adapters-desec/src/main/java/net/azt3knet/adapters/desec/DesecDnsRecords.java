package net.azt3knet.adapters.desec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.domain.dns.Zone;
import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.ports.out.dns.DnsRecordsException.Reason;

/**
 * {@link DnsRecords} on deSEC's API v1. Every path ends with {@code /}; the apex is {@code ""} in bodies; RRsets are
 * read with cursor pagination (500 a page); every change of one apply goes out as one bulk PATCH, which deSEC applies
 * atomically and counts as one write against the domain's budget (2/s, 15/min, 100/h, 300/day), kept here too.
 */
public final class DesecDnsRecords implements DnsRecords {

    private static final System.Logger LOG = System.getLogger(DesecDnsRecords.class.getName());

    private final ProviderHttp http;
    private final WriteBudget budget;
    private final Duration maxWait;

    public DesecDnsRecords(DesecSettings settings) {
        this(settings, Clock.systemUTC(), WriteBudget.DESEC);
    }

    /** With another clock and write windows (tests). */
    DesecDnsRecords(DesecSettings settings, Clock clock, WriteBudget.Window... windows) {
        String token = settings.token().reveal();
        this.http = new ProviderHttp("deSEC", settings.baseUrl().toString(), settings.limits(),
                () -> Map.of("Authorization", "Token " + token), DesecReplies::failure);
        this.budget = new WriteBudget(clock, windows);
        this.maxWait = settings.limits().maxRetryWait();
    }

    @Override
    public String name() {
        return "desec";
    }

    @Override
    public String endpoint() {
        return http.root();
    }

    @Override
    public void check() {
        Reply r = http.get("/domains/?owns_qname=check.azt3knet.invalid");
        if (r.status() != 200) throw DesecReplies.failure(r, "list its zones", List.of());
    }

    @Override
    public Optional<Zone> zone(String domain) {
        Reply r = http.get(domainPath(domain));
        if (r.status() == 404) return Optional.empty();
        if (r.status() != 200) throw DesecReplies.failure(r, "read the zone " + domain, List.of());
        JsonNode d = DesecReplies.json(r, "read the zone " + domain);
        int minimumTtl = d.path("minimum_ttl").asInt(3600);
        return Optional.of(new Zone(domain, minimumTtl, rrsets(domain)));
    }

    private List<Rrset> rrsets(String domain) {
        List<Rrset> out = new ArrayList<>();
        // Asking with an empty cursor from the start: deSEC answers 400 to an unpaginated list past 500 RRsets.
        String path = domainPath(domain) + "rrsets/?cursor=";
        while (path != null) {
            Reply r = http.get(path);
            if (r.status() != 200) throw DesecReplies.failure(r, "list the records of " + domain, List.of());
            JsonNode page = DesecReplies.json(r, "list the records of " + domain);
            if (!page.isArray()) throw new DnsRecordsException(Reason.BAD_RESPONSE, "deSEC's list of " + domain + "'s records is not an array");
            for (JsonNode s : page) {
                List<String> records = new ArrayList<>();
                s.path("records").forEach(v -> records.add(v.asText()));
                try {
                    out.add(new Rrset(s.path("subname").asText(""), s.path("type").asText(), s.path("ttl").asInt(), records));
                } catch (IllegalArgumentException e) {
                    throw new DnsRecordsException(Reason.BAD_RESPONSE, "deSEC holds a record of " + domain + " that cannot be read: " + e.getMessage());
                }
            }
            String next = r.linked("next");
            path = next == null ? null : relative(next);
        }
        return out;
    }

    /** A Link target as a path under the API root (deSEC writes absolute URLs). */
    private String relative(String url) {
        int at = url.indexOf(http.root());
        if (at >= 0) return url.substring(at + http.root().length());
        int path = url.indexOf("/domains/");
        if (path < 0) throw new DnsRecordsException(Reason.BAD_RESPONSE, "deSEC's next-page link is not under " + http.root());
        return url.substring(path);
    }

    @Override
    public Zone createZone(String domain) {
        Optional<Zone> existing = zone(domain);
        if (existing.isPresent()) return existing.get(); // deSEC answers 400 to re-creating one's own zone
        String body = DesecReplies.JSON.createObjectNode().put("name", domain).toString();
        http.create("/domains/", "application/json", body, r -> {
            if (r.status() != 201) throw DesecReplies.failure(r, "create the zone " + domain, List.of());
            return Boolean.TRUE;
        }, () -> zone(domain).map(z -> Boolean.TRUE));
        return zone(domain).orElseThrow(() -> new DnsRecordsException(Reason.BAD_RESPONSE,
                "deSEC created the zone " + domain + " but does not show it"));
    }

    @Override
    public void apply(String domain, List<DnsChange> changes) {
        if (changes.isEmpty()) return;
        ArrayNode body = DesecReplies.JSON.createArrayNode();
        List<String> items = new ArrayList<>();
        for (DnsChange c : changes) {
            ObjectNode o = body.addObject().put("subname", c.subname()).put("type", c.type());
            ArrayNode records = o.putArray("records");
            if (c.after() != null) {
                o.put("ttl", c.after().ttl());
                c.after().records().forEach(records::add);
            }
            items.add((c.subname().isEmpty() ? "@" : c.subname()) + " " + c.type());
        }
        waitForBudget(domain);
        budget.spent(domain);
        // A bulk PATCH states the end result, so repeating it after an unknown outcome is safe.
        Reply r = http.patch(domainPath(domain) + "rrsets/", body.toString());
        if (r.status() != 200) throw DesecReplies.failure(r, "write " + changes.size() + " record sets of " + domain, items);
    }

    private void waitForBudget(String domain) {
        Duration wait = budget.waitFor(domain);
        if (wait.isZero()) return;
        if (wait.compareTo(maxWait) > 0) {
            throw new DnsRecordsException(Reason.RATE_LIMITED, "deSEC allows 2 writes a second, 15 a minute, 100 an hour"
                    + " and 300 a day per zone; the next write to " + domain + " fits in " + wait.toSeconds()
                    + " s, longer than DESEC_MAX_WAIT allows; run again then");
        }
        LOG.log(System.Logger.Level.INFO, "waiting {0} ms for deSEC''s write budget of {1}", wait.toMillis(), domain);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DnsRecordsException(Reason.UNREACHABLE, "interrupted while waiting for deSEC's write budget");
        }
    }

    private static String domainPath(String domain) {
        return "/domains/" + ProviderHttp.segment(domain) + "/";
    }
}

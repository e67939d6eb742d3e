package net.azt3knet.adapters.mailjet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.domain.dns.ProviderDns;
import net.azt3knet.ports.out.mailbox.DkimKey;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.ports.out.mailbox.ProviderCapabilities;
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import net.azt3knet.ports.out.mailbox.ProviderHealth;

/**
 * A sender identity per agent on Mailjet (v3 REST). Mailjet has no domain resource: a domain's DNS object appears
 * with its first sender, so {@link #ensureDomain} registers the catch-all sender {@code *@domain} (which also lets
 * the whole domain be validated at once through DNS) and, when an inbound URL is configured, a parse route for the
 * domain. Deleted senders stay behind and still block a new one with the same address (MJ18): creating one revives
 * it with PUT instead. Senders keep no tags, so ownership comes from the ledger alone.
 */
public final class MailjetMailboxProvisioning implements MailboxProvisioning, ProviderDnsNeeds, ProviderHealth {

    private static final String REST = "/v3/REST/";
    private static final int PAGE = 1000;
    private static final String DELETED = "Deleted";
    /** Where a domain's MX must point for Mailjet's Parse API to receive its mail (Mailjet's inbound guide). */
    private static final String PARSE_MX = "parse.mailjet.com";

    private final MailjetSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    public MailjetMailboxProvisioning(MailjetSettings settings) {
        this.settings = settings;
        this.http = new ProviderHttp("Mailjet", settings.baseUrl().toString(), settings.limits(), () -> Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((settings.apiKey() + ":" + settings.secretKey().reveal())
                        .getBytes(StandardCharsets.UTF_8))), MailjetReplies::failure);
        this.capabilities = new ProviderCapabilities("mailjet", false, true, true, http.root());
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void check() {
        MailjetReplies.data(http.get(REST + "sender?Limit=1"), "list senders");
    }

    @Override
    public int ensureDomain(String domain) {
        List<DomainWrite> writes = domainWrites(domain);
        writes.forEach(w -> w.write().run());
        return writes.size();
    }

    @Override
    public List<String> domainChanges(String domain) {
        return domainWrites(domain).stream().map(DomainWrite::what).toList();
    }

    /** One write to a domain's settings: what it does, for plans, and the write itself. */
    private record DomainWrite(String what, Runnable write) {
    }

    /** What the domain needs, from one read of each: its catch-all sender, and the parse route to MAILJET_INBOUND_URL. */
    private List<DomainWrite> domainWrites(String domain) {
        String catchAll = "*@" + domain;
        List<DomainWrite> writes = new ArrayList<>(2);
        JsonNode sender = raw(catchAll);
        if (sender == null) {
            writes.add(new DomainWrite("register the catch-all sender " + catchAll, () -> {
                try {
                    post("sender", senderBody(catchAll, "Azt3kNet agents"), "register " + catchAll);
                } catch (MailboxProvisioningException e) {
                    if (e.reason() != Reason.ALREADY_EXISTS) throw e; // a parallel run got there first
                }
            }));
        } else if (DELETED.equals(sender.path("Status").asText())) {
            writes.add(new DomainWrite("restore the deleted catch-all sender " + catchAll, () -> revive(sender, "Azt3kNet agents")));
        }
        if (settings.inboundUrl() == null) return writes;
        String url = settings.inboundUrl().toString();
        JsonNode route = null;
        for (JsonNode r : parseRoute(catchAll, () -> pages("parseroute", "list inbound parse routes"))) {
            if (r.path("Email").asText().equalsIgnoreCase(catchAll)) {
                route = r;
                break;
            }
        }
        if (route == null) {
            writes.add(new DomainWrite("create the parse route of " + catchAll + " to MAILJET_INBOUND_URL", () -> parseRoute(catchAll, () -> {
                ObjectNode body = MailjetReplies.JSON.createObjectNode().put("Url", url).put("Email", catchAll);
                return MailjetReplies.data(http.post(REST + "parseroute", "application/json", body.toString()), "create the inbound parse route for "
                        + catchAll + " (MAILJET_INBOUND_URL must be a public https URL with a path; the domain's MX must point at parse.mailjet.com.)");
            })));
        } else if (!route.path("Url").asText().equals(url)) {
            String id = route.path("ID").asText();
            writes.add(new DomainWrite("point the parse route of " + catchAll + " at MAILJET_INBOUND_URL (now " + route.path("Url").asText()
                    + ")", () -> parseRoute(catchAll, () -> MailjetReplies.data(http.put(REST + "parseroute/" + id,
                    MailjetReplies.JSON.createObjectNode().put("Url", url).toString()),
                    "point the parse route of " + catchAll + " at MAILJET_INBOUND_URL"))));
        }
        return writes;
    }

    /** A parse route call; a refusal names the plan it needs. */
    private static <T> T parseRoute(String catchAll, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (MailboxProvisioningException e) {
            if (e.reason() != Reason.FORBIDDEN) throw e;
            throw new MailboxProvisioningException(Reason.FORBIDDEN, "Mailjet refused an inbound parse route for " + catchAll
                    + " (" + e.getMessage() + "): the Parse API needs a paid plan; upgrade, or unset MAILJET_INBOUND_URL to"
                    + " provision senders only");
        }
    }

    @Override
    public List<ExistingMailbox> list(String domain) {
        String suffix = "@" + domain.toLowerCase(Locale.ROOT);
        List<ExistingMailbox> out = new ArrayList<>();
        for (JsonNode s : pages("sender?Domain=" + ProviderHttp.segment(domain), "list the senders of " + domain)) {
            String email = s.path("Email").asText().toLowerCase(Locale.ROOT);
            if (email.endsWith(suffix) && !email.startsWith("*@") && !DELETED.equals(s.path("Status").asText())) out.add(mailbox(s));
        }
        return out;
    }

    /** Every object of a listing, page by page. */
    private List<JsonNode> pages(String resource, String doing) {
        List<JsonNode> all = new ArrayList<>();
        String sep = resource.contains("?") ? "&" : "?";
        for (int offset = 0; ; offset += PAGE) {
            JsonNode data = MailjetReplies.data(http.get(REST + resource + sep + "Limit=" + PAGE + "&Offset=" + offset), doing);
            data.forEach(all::add);
            if (data.size() < PAGE) return all;
        }
    }

    @Override
    public Optional<ExistingMailbox> find(String address) {
        JsonNode s = raw(address);
        return s == null || DELETED.equals(s.path("Status").asText()) ? Optional.empty() : Optional.of(mailbox(s));
    }

    /** The sender at {@code address} as Mailjet holds it, deleted ones included; null when there is none. */
    private JsonNode raw(String address) {
        JsonNode data = MailjetReplies.dataOrAbsent(http.get(REST + "sender/" + ProviderHttp.segment(address)), "read sender " + address);
        return data == null || data.isEmpty() ? null : data.get(0);
    }

    @Override
    public ExistingMailbox create(NewMailbox m) {
        JsonNode there = raw(m.address());
        if (there != null && !DELETED.equals(there.path("Status").asText())) {
            throw new MailboxProvisioningException(Reason.ALREADY_EXISTS, "Mailjet already has sender " + m.address()
                    + " (status " + there.path("Status").asText() + ")");
        }
        if (there != null) return revive(there, m.displayName());
        // Only an unknown outcome leads to the read-back, and the address was free just before: a sender there now is ours.
        return http.create(REST + "sender", "application/json", senderBody(m.address(), m.displayName()).toString(),
                reply -> mailbox(first(MailjetReplies.data(reply, "create sender " + m.address()), "create sender " + m.address())),
                () -> find(m.address()));
    }

    private static ObjectNode senderBody(String email, String name) {
        return MailjetReplies.JSON.createObjectNode().put("Email", email).put("Name", name).put("EmailType", "transactional");
    }

    private void post(String resource, ObjectNode body, String doing) {
        MailjetReplies.data(http.post(REST + resource, "application/json", body.toString()), doing);
    }

    /** A deleted sender blocks its address (MJ18); PUT brings it back, as Mailjet's own tooling does. */
    private ExistingMailbox revive(JsonNode deleted, String name) {
        String email = deleted.path("Email").asText();
        ObjectNode body = MailjetReplies.JSON.createObjectNode().put("Name", name).put("EmailType", "transactional");
        MailjetReplies.data(http.put(REST + "sender/" + deleted.path("ID").asText(), body.toString()), "revive deleted sender " + email);
        return find(email).orElseThrow(() -> new MailboxProvisioningException(Reason.REJECTED, "Mailjet keeps a deleted sender at "
                + email + " and did not revive it; remove it in Mailjet's sender settings, then run again"));
    }

    @Override
    public void update(ExistingMailbox mailbox, MailboxUpdate update) {
        if (update.displayName() == null) return; // a sender has no password
        ObjectNode body = MailjetReplies.JSON.createObjectNode().put("Name", update.displayName());
        MailjetReplies.data(http.put(REST + "sender/" + id(mailbox), body.toString()), "rename sender " + mailbox.address());
    }

    @Override
    public void delete(ExistingMailbox mailbox) {
        // 204 deleted; 404 already gone, which is what was asked for
        MailjetReplies.dataOrAbsent(http.delete(REST + "sender/" + id(mailbox)), "delete sender " + mailbox.address());
    }

    /**
     * Mailjet's numeric id; a reference that is an address (the ledger knew no id yet, e.g. when an --atomic run
     * undoes a create whose answer never came) is looked up.
     */
    private String id(ExistingMailbox mailbox) {
        if (!mailbox.reference().contains("@")) return mailbox.reference();
        JsonNode s = raw(mailbox.reference());
        return s == null ? ProviderHttp.segment(mailbox.reference()) : s.path("ID").asText();
    }

    @Override
    public Optional<DkimKey> dkim(String domain) {
        JsonNode data = MailjetReplies.dataOrAbsent(http.get(REST + "dns/" + ProviderHttp.segment(domain)), "read the DNS settings of " + domain);
        return data == null || data.isEmpty() ? Optional.empty() : key(domain, data.get(0), data.get(0).path("DKIMStatus").asText(null));
    }

    @Override
    public Optional<DkimKey> recheckDkim(String domain) {
        JsonNode data = MailjetReplies.dataOrAbsent(http.post(REST + "dns/" + ProviderHttp.segment(domain) + "/check", "application/json", "{}"),
                "check the DNS of " + domain);
        if (data == null || data.isEmpty()) return Optional.empty();
        String status = data.get(0).path("DKIMStatus").asText(null);
        return dkim(domain).map(k -> new DkimKey(k.selector(), k.recordName(), k.value(), status));
    }

    @Override
    public ProviderDns dnsNeeds(String domain) {
        JsonNode data = MailjetReplies.dataOrAbsent(http.get(REST + "dns/" + ProviderHttp.segment(domain)), "read the DNS settings of " + domain);
        Optional<String> inbound = Optional.ofNullable(settings.inboundUrl()).map(u -> PARSE_MX);
        if (data == null || data.isEmpty()) return new ProviderDns("mailjet", false, inbound, List.of(), List.of(), false);
        JsonNode dns = data.get(0);
        // Mailjet's suggested SPF record carries the mechanisms its senders need; they join the domain's one record.
        List<String> spf = java.util.Arrays.stream(dns.path("SPFRecordValue").asText("").strip().split("\\s+"))
                .filter(t -> !t.isEmpty() && !t.equalsIgnoreCase("v=spf1") && !t.toLowerCase(Locale.ROOT).endsWith("all"))
                .toList();
        List<ProviderDns.Record> records = new ArrayList<>();
        key(domain, dns, null).ifPresent(k -> records.add(new ProviderDns.Record(k.recordName(), "TXT", k.value())));
        String token = dns.path("OwnerShipToken").asText("");
        String tokenName = dns.path("OwnerShipTokenRecordName").asText("");
        if (!token.isEmpty() && !tokenName.isEmpty()) records.add(new ProviderDns.Record(qualified(tokenName, domain), "TXT", token));
        return new ProviderDns("mailjet", false, inbound, spf, records, false);
    }

    /** A record name Mailjet gives as a bare label or as a full name (its docs show both). */
    private static String qualified(String name, String domain) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.equalsIgnoreCase(domain) || n.toLowerCase(Locale.ROOT).endsWith("." + domain) ? n : n + "." + domain;
    }

    private static Optional<DkimKey> key(String domain, JsonNode dns, String status) {
        String value = dns.path("DKIMRecordValue").asText("");
        if (value.isEmpty()) return Optional.empty();
        String name = qualified(dns.path("DKIMRecordName").asText("mailjet._domainkey." + domain), domain);
        String selector = name.contains("._domainkey") ? name.substring(0, name.indexOf("._domainkey")) : "mailjet";
        return Optional.of(new DkimKey(selector, name, value, status));
    }

    private static JsonNode first(JsonNode data, String doing) {
        if (data.isEmpty()) {
            throw new MailboxProvisioningException(Reason.BAD_RESPONSE, "Mailjet's answer to " + doing + " holds no object");
        }
        return data.get(0);
    }

    private static ExistingMailbox mailbox(JsonNode s) {
        String email = s.path("Email").asText().toLowerCase(Locale.ROOT);
        String status = s.path("Status").asText("");
        String state = switch (status) {
            case "Active" -> "active";
            case "Inactive" -> "unconfirmed"; // until the confirmation link is followed or the domain is validated
            default -> status.toLowerCase(Locale.ROOT);
        };
        return new ExistingMailbox(email, s.path("Name").asText(""), s.path("ID").asText(), null, state);
    }
}

package net.azt3knet.adapters.mailcow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.ports.out.mailbox.DkimKey;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.ports.out.mailbox.ProviderCapabilities;

/**
 * Real mailboxes (IMAP/SMTP) on a Mailcow server through its JSON API. The ownership tag goes into the mailbox's
 * {@code tags}; a domain Azt3kNet adds gets its DKIM key (selector {@code dkim}) from Mailcow itself.
 */
public final class MailcowMailboxProvisioning implements MailboxProvisioning {

    private static final String API = "/api/v1/";

    private final MailcowSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    public MailcowMailboxProvisioning(MailcowSettings settings) {
        this.settings = settings;
        this.http = new ProviderHttp("Mailcow", settings.baseUrl().toString(), settings.limits(),
                () -> Map.of("X-API-Key", settings.apiKey().reveal()));
        this.capabilities = new ProviderCapabilities("mailcow", true, false, false, http.root());
    }

    /** A path segment: '@' and '.' may stay as they are (RFC 3986 pchar), as Mailcow's own clients send them. */
    private static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%40", "@").replace("+", "%20");
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void check() {
        MailcowReplies.json(http.get(API + "get/domain/all"), "list domains");
    }

    @Override
    public void ensureDomain(String domain) {
        JsonNode existing = MailcowReplies.json(http.get(API + "get/domain/" + seg(domain)), "read domain " + domain);
        if (existing.isObject() && existing.has("domain_name")) return;
        ObjectNode body = MailcowReplies.JSON.createObjectNode()
                .put("domain", domain).put("description", "Azt3kNet agents").put("active", "1")
                .put("mailboxes", settings.maxMailboxes()).put("aliases", settings.maxMailboxes())
                .put("defquota", settings.quotaMiB()).put("maxquota", settings.quotaMiB())
                .put("quota", (long) settings.quotaMiB() * settings.maxMailboxes())
                .put("dkim_selector", "dkim").put("key_size", 2048);
        List<MailcowReplies.Entry> log = MailcowReplies.entries(http.post(API + "add/domain", "application/json", body.toString()),
                "add domain " + domain);
        MailcowReplies.Entry failed = MailcowReplies.failure(log);
        if (failed != null && !failed.key().equals("domain_exists")) {
            throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow refused to add domain " + domain + ": " + failed.text());
        }
    }

    @Override
    public List<ExistingMailbox> list(String domain) {
        JsonNode all = MailcowReplies.json(http.get(API + "get/mailbox/all/" + seg(domain)), "list the mailboxes of " + domain);
        List<ExistingMailbox> out = new ArrayList<>();
        if (all.isArray()) all.forEach(m -> out.add(mailbox(m)));
        return out;
    }

    @Override
    public Optional<ExistingMailbox> find(String address) {
        JsonNode m = MailcowReplies.json(http.get(API + "get/mailbox/" + seg(address)), "read mailbox " + address);
        if (m.isArray()) m = m.isEmpty() ? MailcowReplies.JSON.createObjectNode() : m.get(0);
        return m.has("username") ? Optional.of(mailbox(m)) : Optional.empty(); // absent: HTTP 200 with {}
    }

    @Override
    public ExistingMailbox create(NewMailbox m) {
        ObjectNode body = MailcowReplies.JSON.createObjectNode()
                .put("local_part", m.localPart()).put("domain", m.domain()).put("name", m.displayName())
                .put("quota", settings.quotaMiB()).put("active", "1").put("force_pw_update", "0")
                .put("tls_enforce_in", "0").put("tls_enforce_out", "0");
        if (m.password() != null) body.put("password", m.password().reveal()).put("password2", m.password().reveal());
        body.putArray("tags").add(m.owner());
        return http.create(API + "add/mailbox", "application/json", body.toString(), reply -> created(reply, m),
                () -> find(m.address()).filter(e -> m.owner().equals(e.owner())));
    }

    private ExistingMailbox created(Reply reply, NewMailbox m) {
        MailcowReplies.Entry failed = MailcowReplies.failure(MailcowReplies.entries(reply, "add mailbox " + m.address()));
        if (failed == null) {
            return new ExistingMailbox(m.address().toLowerCase(Locale.ROOT), m.displayName(), m.address().toLowerCase(Locale.ROOT),
                    m.owner(), "active");
        }
        if (failed.key().equals("object_exists") || failed.key().equals("is_alias")) {
            throw new MailboxProvisioningException(Reason.ALREADY_EXISTS, "Mailcow already holds " + m.address() + " (" + failed.text() + ")");
        }
        // Some Mailcow versions report an error yet create the mailbox: believe what a read shows.
        Optional<ExistingMailbox> there = find(m.address()).filter(e -> m.owner().equals(e.owner()));
        if (there.isPresent()) return there.get();
        throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow refused mailbox " + m.address() + ": " + failed.text()
                + (failed.key().startsWith("max_mailbox") || failed.key().contains("quota")
                ? " (raise the domain's limits in Mailcow, or MAILCOW_MAX_MAILBOXES / MAILCOW_QUOTA_MIB)" : ""));
    }

    @Override
    public void update(ExistingMailbox mailbox, MailboxUpdate update) {
        ObjectNode body = MailcowReplies.JSON.createObjectNode();
        body.putArray("items").add(mailbox.address());
        ObjectNode attr = body.putObject("attr");
        if (update.displayName() != null) attr.put("name", update.displayName());
        if (update.password() != null) attr.put("password", update.password().reveal()).put("password2", update.password().reveal());
        MailcowReplies.Entry failed = MailcowReplies.failure(MailcowReplies.entries(
                http.post(API + "edit/mailbox", "application/json", body.toString()), "edit mailbox " + mailbox.address()));
        if (failed != null) {
            throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow refused to edit " + mailbox.address() + ": " + failed.text());
        }
    }

    @Override
    public void delete(ExistingMailbox mailbox) {
        ArrayNode body = MailcowReplies.JSON.createArrayNode().add(mailbox.address());
        MailcowReplies.Entry failed = MailcowReplies.failure(MailcowReplies.entries(
                http.post(API + "delete/mailbox", "application/json", body.toString()), "delete mailbox " + mailbox.address()));
        // Deleting a mailbox that does not exist answers access_denied: gone is what was asked for.
        if (failed != null && !(failed.key().equals("access_denied") && find(mailbox.address()).isEmpty())) {
            throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow refused to delete " + mailbox.address() + ": " + failed.text());
        }
    }

    @Override
    public Optional<DkimKey> dkim(String domain) {
        JsonNode k = MailcowReplies.json(http.get(API + "get/dkim/" + seg(domain)), "read the DKIM key of " + domain);
        String txt = k.path("dkim_txt").asText("");
        if (txt.isEmpty()) return Optional.empty();
        String selector = k.path("dkim_selector").asText("dkim");
        // With SPLIT_DKIM_255 the value arrives as "…" "…" chunks: one value is what DNS planning compares.
        String value = txt.startsWith("\"") ? txt.replaceAll("\"\\s*\"", "").replace("\"", "") : txt;
        return Optional.of(new DkimKey(selector, selector + "._domainkey." + domain, value, null));
    }

    private static ExistingMailbox mailbox(JsonNode m) {
        String address = m.path("username").asText();
        String owner = null;
        for (JsonNode tag : m.path("tags")) {
            if (tag.asText().startsWith("azt3knet-")) owner = tag.asText();
        }
        String state = m.path("active_int").asInt(m.path("active").asInt(1)) == 1 ? "active" : "inactive";
        return new ExistingMailbox(address.toLowerCase(Locale.ROOT), m.path("name").asText(""), address.toLowerCase(Locale.ROOT),
                owner, state);
    }
}

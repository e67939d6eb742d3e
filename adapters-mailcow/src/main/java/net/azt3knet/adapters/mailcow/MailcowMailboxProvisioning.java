package net.azt3knet.adapters.mailcow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.domain.credential.Secret;
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
 * Real mailboxes (IMAP/SMTP) on a Mailcow server through its JSON API. The ownership tag goes into the mailbox's
 * {@code tags}; a domain Azt3kNet adds gets its DKIM key (selector {@code dkim}) from Mailcow itself. With app
 * passwords on, each mailbox also gets one app password named {@value #APP_NAME}, limited to IMAP and SMTP, for the
 * tools that log in as the agent, so they never hold the password that opens the webmail and settings.
 */
public final class MailcowMailboxProvisioning implements MailboxProvisioning, ProviderDnsNeeds, ProviderHealth {

    private static final String API = "/api/v1/";
    static final String APP_NAME = "azt3knet";

    private final MailcowSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    public MailcowMailboxProvisioning(MailcowSettings settings) {
        this.settings = settings;
        this.http = new ProviderHttp("Mailcow", settings.baseUrl().toString(), settings.limits(),
                () -> Map.of("X-API-Key", settings.apiKey().reveal()), MailcowReplies::failure);
        this.capabilities = new ProviderCapabilities("mailcow", true, false, false, http.root());
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

    /** What the domain needs, from one read: the domain itself, or its mailbox limit and DKIM key. */
    private List<DomainWrite> domainWrites(String domain) {
        JsonNode existing = MailcowReplies.json(http.get(API + "get/domain/" + ProviderHttp.segment(domain)), "read domain " + domain);
        if (!(existing.isObject() && existing.has("domain_name"))) {
            return List.of(new DomainWrite("add the domain, with room for MAILCOW_MAX_MAILBOXES=" + settings.maxMailboxes()
                    + " mailboxes and a DKIM key (selector dkim)", () -> addDomain(domain)));
        }
        List<DomainWrite> writes = new ArrayList<>(2);
        int max = existing.path("max_num_mboxes_for_domain").asInt(settings.maxMailboxes());
        if (max < settings.maxMailboxes()) {
            writes.add(new DomainWrite("raise the mailbox limit from " + max + " to MAILCOW_MAX_MAILBOXES=" + settings.maxMailboxes(),
                    () -> domainLimits(domain)));
        }
        if (dkim(domain).isEmpty()) writes.add(new DomainWrite("add a DKIM key (selector dkim)", () -> domainKey(domain)));
        return writes;
    }

    private void addDomain(String domain) {
        ObjectNode body = MailcowReplies.JSON.createObjectNode()
                .put("domain", domain).put("description", "Azt3kNet agents").put("active", "1")
                .put("mailboxes", settings.maxMailboxes()).put("aliases", settings.maxMailboxes())
                .put("defquota", settings.quotaMiB()).put("maxquota", settings.quotaMiB())
                .put("quota", (long) settings.quotaMiB() * settings.maxMailboxes())
                .put("dkim_selector", "dkim").put("key_size", 2048);
        // A create: an answer that is lost or late (the domain may exist by then) is settled by reading the domain.
        http.create(API + "add/domain", "application/json", body.toString(), reply -> {
            MailcowReplies.Entry failed = MailcowReplies.failure(MailcowReplies.entries(reply, "add domain " + domain));
            if (failed != null && !failed.key().equals("domain_exists")) {
                throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow refused to add domain " + domain + ": " + failed.text());
            }
            return domain;
        }, () -> domainExists(domain) ? Optional.of(domain) : Optional.empty());
    }

    private boolean domainExists(String domain) {
        JsonNode d = MailcowReplies.json(http.get(API + "get/domain/" + ProviderHttp.segment(domain)), "read domain " + domain);
        return d.isObject() && d.has("domain_name");
    }

    /** Raises the domain's mailbox limit to MAILCOW_MAX_MAILBOXES (planned only when lower: never lowers what an admin set). */
    private void domainLimits(String domain) {
        ObjectNode body = MailcowReplies.JSON.createObjectNode();
        body.putArray("items").add(domain);
        body.putObject("attr").put("mailboxes", settings.maxMailboxes()).put("aliases", settings.maxMailboxes())
                .put("quota", (long) settings.quotaMiB() * settings.maxMailboxes());
        MailcowReplies.Entry failed = MailcowReplies.failure(MailcowReplies.entries(
                http.post(API + "edit/domain", "application/json", body.toString()), "raise the limits of domain " + domain));
        if (failed != null) {
            throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow refused to raise the mailbox limit of " + domain
                    + " to MAILCOW_MAX_MAILBOXES=" + settings.maxMailboxes() + ": " + failed.text());
        }
    }

    /** Gives an existing domain that has lost (or never had) its DKIM key a new one, selector {@code dkim}. */
    private void domainKey(String domain) {
        ObjectNode body = MailcowReplies.JSON.createObjectNode().put("domains", domain).put("dkim_selector", "dkim").put("key_size", 2048);
        http.create(API + "add/dkim", "application/json", body.toString(), reply -> {
            MailcowReplies.Entry failed = MailcowReplies.failure(MailcowReplies.entries(reply, "add a DKIM key for " + domain));
            // Mailcow answers an existing key with the same message as a bad selector: a key there now is what was asked for.
            if (failed != null && !(failed.key().equals("dkim_domain_or_sel_invalid") && dkim(domain).isPresent())) {
                throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow refused a DKIM key for " + domain + ": " + failed.text());
            }
            return domain;
        }, () -> dkim(domain).map(k -> domain));
    }

    @Override
    public List<ExistingMailbox> list(String domain) {
        JsonNode all = MailcowReplies.json(http.get(API + "get/mailbox/all/" + ProviderHttp.segment(domain)), "list the mailboxes of " + domain);
        List<ExistingMailbox> out = new ArrayList<>();
        if (all.isArray()) all.forEach(m -> out.add(mailbox(m)));
        return out;
    }

    @Override
    public Optional<ExistingMailbox> find(String address) {
        JsonNode m = MailcowReplies.json(http.get(API + "get/mailbox/" + ProviderHttp.segment(address)), "read mailbox " + address);
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
        ExistingMailbox made = http.create(API + "add/mailbox", "application/json", body.toString(), reply -> created(reply, m),
                () -> find(m.address()).filter(e -> m.owner().equals(e.owner())));
        if (settings.appPasswords() && m.appPassword() != null) appPassword(made.address(), m.appPassword(), List.of());
        return made;
    }

    /**
     * Sets the mailbox's app password {@value #APP_NAME} (IMAP and SMTP only), given the ids it has now (none for a
     * mailbox just made), adding it if missing. Mailcow does not return the id of a new app password, so an add whose
     * outcome is unknown is looked for by listing before it is tried again; strays from earlier runs go.
     */
    private void appPassword(String address, Secret password, List<String> ids) {
        ObjectNode attr = MailcowReplies.JSON.createObjectNode().put("app_name", APP_NAME)
                .put("app_passwd", password.reveal()).put("app_passwd2", password.reveal()).put("active", "1");
        attr.putArray("protocols").add("imap_access").add("smtp_access");
        if (ids.isEmpty()) {
            ObjectNode body = attr.deepCopy().put("username", address); // with an API key, Mailcow needs the mailbox named
            http.create(API + "add/app-passwd", "application/json", body.toString(),
                    reply -> appPasswordWritten(reply, address),
                    () -> appPasswordIds(address).isEmpty() ? Optional.empty() : Optional.of(address));
            return;
        }
        ObjectNode body = MailcowReplies.JSON.createObjectNode();
        body.putArray("items").add(ids.get(0));
        body.set("attr", attr);
        appPasswordWritten(http.post(API + "edit/app-passwd", "application/json", body.toString()), address);
        if (ids.size() > 1) {
            ArrayNode extra = MailcowReplies.JSON.createArrayNode();
            ids.subList(1, ids.size()).forEach(extra::add);
            appPasswordWritten(http.post(API + "delete/app-passwd", "application/json", extra.toString()), address);
        }
    }

    private List<String> appPasswordIds(String address) {
        JsonNode all = MailcowReplies.json(http.get(API + "get/app-passwd/all/" + ProviderHttp.segment(address)), "list the app passwords of " + address);
        List<String> ids = new ArrayList<>();
        if (all.isArray()) all.forEach(a -> {
            if (APP_NAME.equals(a.path("name").asText())) ids.add(a.path("id").asText());
        });
        return ids;
    }

    private String appPasswordWritten(Reply reply, String address) {
        MailcowReplies.Entry failed = MailcowReplies.failure(MailcowReplies.entries(reply, "set the app password of " + address));
        if (failed != null) {
            throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow refused the app password of " + address + ": " + failed.text());
        }
        return address;
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
        if (!attr.isEmpty()) {
            MailcowReplies.Entry failed = MailcowReplies.failure(MailcowReplies.entries(
                    http.post(API + "edit/mailbox", "application/json", body.toString()), "edit mailbox " + mailbox.address()));
            if (failed != null) {
                throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow refused to edit " + mailbox.address() + ": " + failed.text());
            }
        }
        if (settings.appPasswords() && update.appPassword() != null) {
            appPassword(mailbox.address(), update.appPassword(), appPasswordIds(mailbox.address()));
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
        JsonNode k = MailcowReplies.json(http.get(API + "get/dkim/" + ProviderHttp.segment(domain)), "read the DKIM key of " + domain);
        String txt = k.path("dkim_txt").asText("");
        if (txt.isEmpty()) return Optional.empty();
        String selector = k.path("dkim_selector").asText("dkim");
        // With SPLIT_DKIM_255 the value arrives as "…" "…" chunks: one value is what DNS planning compares.
        String value = txt.startsWith("\"") ? txt.replaceAll("\"\\s*\"", "").replace("\"", "") : txt;
        return Optional.of(new DkimKey(selector, selector + "._domainkey." + domain, value, null));
    }

    /** Mailcow hosts the mailboxes: MX and SPF {@code mx} at the mail host, its DKIM key, autoconfig for clients. */
    @Override
    public ProviderDns dnsNeeds(String domain) {
        List<ProviderDns.Record> records = dkim(domain).map(k -> List.of(new ProviderDns.Record(k.recordName(), "TXT", k.value())))
                .orElse(List.of());
        return new ProviderDns("mailcow", true, Optional.empty(), List.of(), records, true);
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

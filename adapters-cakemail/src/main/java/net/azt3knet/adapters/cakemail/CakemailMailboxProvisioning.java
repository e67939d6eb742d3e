package net.azt3knet.adapters.cakemail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.azt3knet.adapters.cakemail.CakemailReplies.TokenRejected;
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
 * A sender per agent under Cakemail's default brand (Next-gen API). A sender stays unconfirmed until its
 * confirmation link is followed; the state is reported as {@code unconfirmed}. {@link #ensureDomain} gives the
 * domain a DKIM key at Cakemail so its mail can be authenticated once DNS publishes it. The API has no filter by
 * address, so single lookups page through the senders — the reconcile itself lists once and never needs them.
 */
public final class CakemailMailboxProvisioning implements MailboxProvisioning, ProviderDnsNeeds, ProviderHealth {

    private static final String SENDERS = "/brands/default/senders";
    private static final String DKIM = "/brands/default/dkim";
    private static final int PAGE = 50;

    private final CakemailSettings settings;
    private final ProviderHttp http;
    private final CakemailTokens tokens;
    private final ProviderCapabilities capabilities;

    public CakemailMailboxProvisioning(CakemailSettings settings, Clock clock) {
        this.settings = settings;
        // One client for the token endpoint and the API: one rate limit and one breaker for the one provider.
        this.tokens = new CakemailTokens(settings, clock);
        this.http = new ProviderHttp("Cakemail", settings.baseUrl().toString(), settings.limits(), tokens::headers,
                CakemailReplies::failure);
        tokens.use(http);
        this.capabilities = new ProviderCapabilities("cakemail", false, false, true, http.root());
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /** The path with the configured sub-account, and further query parameters. */
    private String at(String path, String query) {
        String account = settings.accountId() == null ? "" : "account_id=" + settings.accountId();
        String q = account.isEmpty() ? query : query.isEmpty() ? account : query + "&" + account;
        return q.isEmpty() ? path : path + "?" + q;
    }

    /** One call, again once with a fresh token if the API rejected the one it had. */
    private <T> T authed(Supplier<T> call) {
        try {
            return call.get();
        } catch (TokenRejected first) {
            tokens.rejected();
            try {
                return call.get();
            } catch (TokenRejected again) {
                throw new MailboxProvisioningException(Reason.UNAUTHORIZED, "Cakemail rejects fresh access tokens for "
                        + settings.username() + "; check that the user is active and CAKEMAIL_ACCOUNT_ID is one of its accounts");
            }
        }
    }

    @Override
    public void check() {
        authed(() -> CakemailReplies.body(http.get(at(SENDERS, "page=1&per_page=1")), "list senders"));
    }

    @Override
    public List<String> domainChanges(String domain) {
        return dkimEntry(domain) != null ? List.of() : List.of("add a DKIM key for the domain");
    }

    @Override
    public int ensureDomain(String domain) {
        if (dkimEntry(domain) != null) return 0;
        ObjectNode body = CakemailReplies.JSON.createObjectNode().put("domain", domain);
        try {
            authed(() -> CakemailReplies.body(http.post(at(DKIM, ""), "application/json", body.toString()), "add a DKIM key for " + domain));
        } catch (MailboxProvisioningException e) {
            if (e.reason() != Reason.ALREADY_EXISTS) throw e; // a parallel run got there first
        }
        return 1;
    }

    @Override
    public List<ExistingMailbox> list(String domain) {
        String suffix = "@" + domain.toLowerCase(Locale.ROOT);
        List<ExistingMailbox> out = new ArrayList<>();
        for (JsonNode s : senders()) {
            if (s.path("email").asText().toLowerCase(Locale.ROOT).endsWith(suffix)) out.add(mailbox(s));
        }
        return out;
    }

    /** Every sender of the brand, page by page. */
    private List<JsonNode> senders() {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            String path = at(SENDERS, "page=" + page + "&per_page=" + PAGE);
            JsonNode data = authed(() -> CakemailReplies.body(http.get(path), "list senders")).path("data");
            data.forEach(all::add);
            if (data.size() < PAGE) return all;
        }
    }

    @Override
    public Optional<ExistingMailbox> find(String address) {
        return senders().stream().filter(s -> s.path("email").asText().equalsIgnoreCase(address)).findFirst().map(CakemailMailboxProvisioning::mailbox);
    }

    @Override
    public ExistingMailbox create(NewMailbox m) {
        ObjectNode body = CakemailReplies.JSON.createObjectNode().put("name", m.displayName()).put("email", m.address())
                .put("language", "en_US");
        // After an unknown outcome a sender at the address is ours: the reconcile listed it as free before creating.
        return authed(() -> http.create(at(SENDERS, ""), "application/json", body.toString(),
                reply -> mailbox(CakemailReplies.body(reply, "create sender " + m.address()).path("data")),
                () -> find(m.address())));
    }

    @Override
    public void update(ExistingMailbox mailbox, MailboxUpdate update) {
        if (update.displayName() == null) return; // a sender has no password
        ObjectNode body = CakemailReplies.JSON.createObjectNode().put("name", update.displayName());
        String id = id(mailbox).orElseThrow(() -> new MailboxProvisioningException(Reason.REJECTED,
                "Cakemail has no sender " + mailbox.address() + " to rename"));
        authed(() -> CakemailReplies.body(http.patch(at(SENDERS + "/" + id, ""), body.toString()),
                "rename sender " + mailbox.address()));
    }

    @Override
    public void delete(ExistingMailbox mailbox) {
        // no such sender, or 404: already gone, which is what was asked for
        id(mailbox).ifPresent(id -> authed(() -> CakemailReplies.bodyOrAbsent(http.delete(at(SENDERS + "/" + id, "")),
                "delete sender " + mailbox.address())));
    }

    /**
     * Cakemail's sender id; a reference that is an address (the ledger knew no id yet, e.g. when an --atomic run
     * undoes a create whose answer never came) is looked up.
     */
    private Optional<String> id(ExistingMailbox mailbox) {
        if (!mailbox.reference().contains("@")) return Optional.of(mailbox.reference());
        return find(mailbox.reference()).map(ExistingMailbox::reference);
    }

    @Override
    public Optional<DkimKey> dkim(String domain) {
        JsonNode k = dkimEntry(domain);
        if (k == null || k.path("public_key").asText("").isEmpty()) return Optional.empty();
        String selector = k.path("selector").asText("");
        if (selector.isEmpty()) return Optional.empty();
        String key = k.path("public_key").asText().strip();
        // The spec leaves open whether public_key is the whole record or only the key: publish a whole record either way.
        String value = key.startsWith("v=DKIM1") ? key : "v=DKIM1; k=rsa; p=" + key.replaceAll("\\s+", "");
        return Optional.of(new DkimKey(selector, selector + "._domainkey." + domain, value, k.path("status").asText(null)));
    }

    /** Cakemail sends: its DKIM key; it publishes no SPF mechanism (its API has no SPF endpoint) and receives nothing. */
    @Override
    public ProviderDns dnsNeeds(String domain) {
        List<ProviderDns.Record> records = dkim(domain).map(k -> List.of(new ProviderDns.Record(k.recordName(), "TXT", k.value())))
                .orElse(List.of());
        return new ProviderDns("cakemail", false, Optional.empty(), List.of(), records, false);
    }

    private JsonNode dkimEntry(String domain) {
        JsonNode all = authed(() -> CakemailReplies.body(http.get(at(DKIM, "")), "list DKIM keys")).path("data");
        for (JsonNode k : all) {
            if (k.path("domain").asText().equalsIgnoreCase(domain)) return k;
        }
        return null;
    }

    private static ExistingMailbox mailbox(JsonNode s) {
        if (!s.path("email").isTextual()) {
            throw new MailboxProvisioningException(Reason.BAD_RESPONSE, "Cakemail sent a sender without an email");
        }
        String email = s.path("email").asText().toLowerCase(Locale.ROOT);
        return new ExistingMailbox(email, s.path("name").asText(""), s.path("id").asText(), null,
                s.path("confirmed").asBoolean(false) ? "active" : "unconfirmed");
    }
}

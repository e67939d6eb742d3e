package net.azt3knet.adapters.cakemail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;

/**
 * Cakemail's OAuth2 password grant: one access token shared by every request, renewed a minute before it expires
 * (or when the API rejects it) with the refresh token, falling back to the password when the refresh token is
 * refused. Cakemail may rotate the refresh token on refresh; the newest one is kept.
 */
final class CakemailTokens {

    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final CakemailSettings settings;
    private final Clock clock;
    /** True on a thread while it asks the token endpoint, which takes no bearer token. */
    private final ThreadLocal<Boolean> granting = ThreadLocal.withInitial(() -> false);
    private ProviderHttp http;
    private String access;
    private String refresh;
    private Instant expires = Instant.MIN;

    CakemailTokens(CakemailSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The client the grants go through: the API's own, whose every request asks {@link #headers}. */
    void use(ProviderHttp client) {
        this.http = client;
    }

    /** The headers of a request: the bearer token, or none for the token endpoint itself. */
    Map<String, String> headers() {
        return granting.get() ? Map.of() : Map.of("Authorization", "Bearer " + bearer());
    }

    /** A valid access token, fetched or renewed when needed. */
    synchronized String bearer() {
        if (access == null || !clock.instant().plus(MARGIN).isBefore(expires)) {
            if (refresh == null || !grant(Map.of("grant_type", "refresh_token", "refresh_token", refresh), false)) {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("grant_type", "password");
                form.put("username", settings.username());
                form.put("password", settings.password().reveal());
                if (settings.accountId() != null) form.put("account_id", settings.accountId().toString());
                grant(form, true);
            }
        }
        return access;
    }

    /** The API refused the current token: the next request gets a fresh one. */
    synchronized void rejected() {
        access = null;
    }

    /** True when a token came back; a refused refresh answers false, a refused password throws. */
    private boolean grant(Map<String, String> form, boolean password) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Reply reply;
        granting.set(true);
        try {
            reply = http.post("/token", "application/x-www-form-urlencoded", body);
        } finally {
            granting.set(false);
        }
        if (reply.status() == 401 || reply.status() == 400 || reply.status() == 403 || reply.status() == 422) {
            if (!password) {
                refresh = null;
                return false;
            }
            throw refused(reply);
        }
        JsonNode token;
        try {
            token = CakemailReplies.JSON.readTree(reply.body());
        } catch (IOException e) {
            token = CakemailReplies.JSON.createObjectNode();
        }
        if (reply.status() != 200 || !token.path("access_token").isTextual()) {
            throw new MailboxProvisioningException(Reason.BAD_RESPONSE, "Cakemail's token endpoint answered HTTP " + reply.status()
                    + " without an access token");
        }
        access = token.path("access_token").asText();
        refresh = token.path("refresh_token").asText(refresh);
        expires = clock.instant().plusSeconds(token.path("expires_in").asLong(3600));
        return true;
    }

    private MailboxProvisioningException refused(Reply reply) {
        try {
            if (CakemailReplies.JSON.readTree(reply.body()).has("challenge")) {
                return new MailboxProvisioningException(Reason.UNAUTHORIZED, "Cakemail asks " + settings.username()
                        + " for a two-factor code, which an unattended tool cannot give; set CAKEMAIL_USERNAME to a user"
                        + " without two-factor authentication (a dedicated API user)");
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the plain refusal
        }
        return new MailboxProvisioningException(Reason.UNAUTHORIZED, "Cakemail refused the login of " + settings.username()
                + " (" + CakemailReplies.detail(reply) + "); check CAKEMAIL_USERNAME and CAKEMAIL_PASSWORD"
                + (settings.accountId() == null ? "" : " and that the user may act on CAKEMAIL_ACCOUNT_ID"));
    }
}

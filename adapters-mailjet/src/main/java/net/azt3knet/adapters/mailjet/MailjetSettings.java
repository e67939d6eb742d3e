package net.azt3knet.adapters.mailjet;

import java.net.URI;
import java.util.Objects;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;

/**
 * How to reach a Mailjet account.
 *
 * @param baseUrl    {@code https://api.mailjet.com}, or {@code https://api.us.mailjet.com} for accounts on Mailjet's
 *                   US infrastructure
 * @param apiKey     the API key (the public half of the pair; Basic auth user name)
 * @param secretKey  the API secret key
 * @param inboundUrl the public URL Mailjet's Parse API posts inbound mail to, or null for no inbound route; it must
 *                   have a path (Mailjet refuses a site root)
 * @param limits     timeout, request rate and retries
 */
public record MailjetSettings(URI baseUrl, String apiKey, Secret secretKey, URI inboundUrl, ProviderLimits limits) {

    public MailjetSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(limits, "limits");
    }

    @Override
    public String toString() {
        return "MailjetSettings[" + baseUrl + ", inbound=" + inboundUrl + "]";
    }
}

package net.azt3knet.adapters.desec;

import java.net.URI;
import java.util.Objects;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;

/**
 * How to reach a deSEC account.
 *
 * @param baseUrl {@code https://desec.io/api/v1}
 * @param token   the API token (its secret); needs {@code perm_create_domain} only for {@code dns bootstrap} of a new zone
 * @param limits  timeout, request rate (deSEC allows 50 reads a minute), retries, and the longest Retry-After waited
 */
public record DesecSettings(URI baseUrl, Secret token, ProviderLimits limits) {

    public DesecSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(limits, "limits");
    }

    @Override
    public String toString() {
        return "DesecSettings[" + baseUrl + "]";
    }
}

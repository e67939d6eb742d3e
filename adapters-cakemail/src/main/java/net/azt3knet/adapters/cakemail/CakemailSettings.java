package net.azt3knet.adapters.cakemail;

import java.net.URI;
import java.util.Objects;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;

/**
 * How to reach a Cakemail account.
 *
 * @param baseUrl   {@code https://api.cakemail.dev}
 * @param username  the login (an e-mail address) of a user without two-factor authentication
 * @param password  its password
 * @param accountId the sub-account to act on, or null for the user's own account
 * @param limits    timeout, request rate and retries
 */
public record CakemailSettings(URI baseUrl, String username, Secret password, Long accountId, ProviderLimits limits) {

    public CakemailSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(limits, "limits");
    }

    @Override
    public String toString() {
        return "CakemailSettings[" + baseUrl + ", " + username + (accountId == null ? "" : ", account " + accountId) + "]";
    }
}

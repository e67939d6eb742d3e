package net.azt3knet.adapters.mailcow;

import java.net.URI;
import java.util.Objects;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;

/**
 * How to reach a Mailcow server.
 *
 * @param baseUrl      the server, e.g. {@code https://mail.example.org} (the API is under {@code /api/v1})
 * @param apiKey       a read-write API key (Configuration › Access › API); the caller's IP must be allowed for it
 * @param quotaMiB     each agent mailbox's quota
 * @param maxMailboxes the mailbox limit a domain Azt3kNet creates gets (Mailcow's default template allows 10)
 * @param appPasswords whether each mailbox also gets an IMAP/SMTP-only app password (one more write per mailbox)
 * @param limits       timeout, request rate and retries
 */
public record MailcowSettings(URI baseUrl, Secret apiKey, int quotaMiB, int maxMailboxes, boolean appPasswords,
                              ProviderLimits limits) {

    public MailcowSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(limits, "limits");
    }
}

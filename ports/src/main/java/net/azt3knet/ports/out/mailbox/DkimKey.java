package net.azt3knet.ports.out.mailbox;

import java.util.Objects;

/**
 * The public half of a domain's DKIM key, as DNS must publish it.
 *
 * @param selector   the selector, e.g. {@code dkim} (Mailcow) or {@code mailjet}
 * @param recordName the TXT record's full name, e.g. {@code dkim._domainkey.example.org}
 * @param value      the TXT value, e.g. {@code v=DKIM1;k=rsa;p=…}
 * @param status     the provider's verification state, e.g. {@code OK}, {@code Not checked}; {@code n/a} when it has none
 */
public record DkimKey(String selector, String recordName, String value, String status) {

    public DkimKey {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(recordName, "recordName");
        Objects.requireNonNull(value, "value");
        status = status == null ? "n/a" : status;
    }
}

package net.azt3knet.domain.dns;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one mail provider needs in a mail domain's DNS, as the provider reports it (names and values come from its
 * API, never from constants here).
 *
 * @param provider       the provider's name ({@code mailcow}, …)
 * @param hostsMailboxes true when mail for the domain is received at the mail host (MX to it, SPF {@code mx})
 * @param inboundMx      a host the provider receives the domain's mail at instead (Mailjet's parse route), if any
 * @param spf            SPF mechanisms the provider's outbound mail needs, e.g. {@code include:spf.mailjet.com}
 * @param records        further records: DKIM keys, domain ownership tokens; names are full names
 * @param autoconfig     true when mail clients should find the mail host through autoconfig/autodiscover (Mailcow)
 */
public record ProviderDns(String provider, boolean hostsMailboxes, Optional<String> inboundMx, List<String> spf,
                          List<Record> records, boolean autoconfig) {

    /**
     * One record by full name.
     *
     * @param name  the full name, e.g. {@code dkim._domainkey.agents.example.org}
     * @param type  the type
     * @param value the value; for TXT its text, unquoted
     */
    public record Record(String name, String type, String value) {
        public Record {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    public ProviderDns {
        Objects.requireNonNull(provider, "provider");
        spf = List.copyOf(spf);
        records = List.copyOf(records);
    }
}

package net.azt3knet.ports.in;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import net.azt3knet.domain.dns.DnsPlan;
import net.azt3knet.domain.dns.HostAddresses;
import net.azt3knet.ports.out.dns.DnsRecordsException;

/**
 * Driving port: the mail domain's DNS records — planned from the providers in use, applied in one atomic write,
 * verified by reading back — and the mail host's address kept current.
 */
public interface ManageDnsUseCase {

    /**
     * A mail domain's records.
     *
     * @param domain    the mail domain
     * @param providers the mail providers whose records it needs; empty: those holding mailboxes of stored
     *                  populations on the domain
     * @param prune     also delete the zone's sets the mail profile does not declare
     */
    record Target(String domain, List<String> providers, boolean prune) {
        public Target {
            Objects.requireNonNull(domain, "domain");
            providers = List.copyOf(providers);
        }
    }

    /**
     * A plan and what it was made from.
     *
     * @param plan       the changes
     * @param zoneExists false when the DNS provider has no zone of that name yet ({@code dns bootstrap} creates it)
     * @param providers  the mail providers whose records were planned
     * @param dns        the DNS provider's name and where it is
     * @param mailHost   the mail host and the addresses planned for it
     */
    record Planned(DnsPlan plan, boolean zoneExists, List<String> providers, String dns, String mailHost, HostAddresses addresses) {
    }

    /**
     * What an apply did.
     *
     * @param planned     the plan it wrote
     * @param zoneCreated true when the zone was created first (bootstrap)
     * @param writes      write requests sent (0 when nothing changed; one for all changes otherwise)
     * @param remaining   differences the read-back still shows (empty when verified)
     */
    record Applied(Planned planned, boolean zoneCreated, int writes, List<String> remaining) {
        public boolean verified() {
            return remaining.isEmpty();
        }
    }

    /**
     * One address check of the mail host.
     *
     * @param host      the mail host
     * @param published the addresses its records held
     * @param detected  the addresses detected now
     * @param written   true when the records were changed (both families in one write)
     */
    record AddressUpdate(String host, HostAddresses published, HostAddresses detected, boolean written) {
    }

    /** The DNS provider that answered a check: its integration name and where it is. */
    record ProviderCheck(String provider, String endpoint) {
    }

    /**
     * One cheap read with the DNS provider's credentials.
     *
     * @throws DnsRecordsException when it is unreachable or refuses the credentials
     */
    ProviderCheck check();

    /** The plan; nothing is written. */
    Planned plan(Target target);

    /**
     * Writes the plan and verifies it. Refused, before any write, when the zone is missing or the plan replaces or
     * deletes more than 30 % of a zone's sets and {@code force} is false.
     */
    Applied apply(Target target, boolean force, String actor);

    /**
     * Creates the zone if needed, detects the mail host's public address where none is configured (when
     * {@code detectAddress}; otherwise the published one is kept), then applies.
     */
    Applied bootstrap(Target target, boolean force, boolean detectAddress, String actor);

    /** Detects the public address and rewrites the mail host's A/AAAA only when it changed. */
    AddressUpdate updateAddress(String domain, String actor);

    /** Told what each round of {@link #watchAddress} did. */
    interface AddressWatcher {
        void updated(AddressUpdate update);

        void failed(DnsRecordsException failure, Duration retryIn);
    }

    /**
     * {@link #updateAddress} every {@code every} until the thread is interrupted; after a failure that may pass the
     * next try waits twice as long each time (at most an hour). A failure that cannot pass is thrown.
     */
    void watchAddress(String domain, String actor, Duration every, AddressWatcher watcher);
}

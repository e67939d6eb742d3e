package net.azt3knet.ports.out.dns;

import java.util.List;
import java.util.Optional;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.Zone;

/**
 * Driven port: the authoritative records of the mail domain's zone. Failures are {@link DnsRecordsException}s that
 * say whether trying again can help.
 */
public interface DnsRecords {

    /** {@code desec}, {@code zonefile}: the name operators choose it by. */
    String name();

    /** Where the records live, for messages (never with credentials). */
    String endpoint();

    /** Checks the credentials and that the provider answers, with one cheap read. */
    void check();

    /** The zone and every RRset in it, or empty when the provider has no zone of that name. */
    Optional<Zone> zone(String domain);

    /** Creates the zone, empty but for what the provider manages itself (SOA, NS); an existing zone is returned as is. */
    Zone createZone(String domain);

    /**
     * Writes all {@code changes} to the zone as one atomic request: all of them take effect or none do. An empty
     * list writes nothing.
     */
    void apply(String domain, List<DnsChange> changes);
}

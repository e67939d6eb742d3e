package net.azt3knet.ports.out.dns;

import net.azt3knet.domain.dns.HostAddresses;

/** Driven port: this machine's public addresses as the internet sees them (a "what is my IP" service). */
public interface PublicAddress {

    /**
     * The addresses detected now; a family that cannot be detected (no IPv6 route, the service down) is empty.
     *
     * @throws DnsRecordsException when neither family can be detected
     */
    HostAddresses detect();
}

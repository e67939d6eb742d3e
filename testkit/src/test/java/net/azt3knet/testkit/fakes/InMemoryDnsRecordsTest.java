package net.azt3knet.testkit.fakes;

import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.testkit.contracts.DnsRecordsContract;

/** The DNS fake obeys the contract deSEC (on its stub) and the zone files run. */
class InMemoryDnsRecordsTest implements DnsRecordsContract {

    private final InMemoryDnsRecords dns = new InMemoryDnsRecords(3600);

    @Override
    public DnsRecords dnsRecords() {
        return dns;
    }
}

package net.azt3knet.app.cli.badexample;

import net.azt3knet.ports.out.dns.DnsRecords;

/** Breaks ARCH-016 on purpose: a command checking the DNS provider itself instead of through ManageDnsUseCase, as `dns check` once did. */
public final class CallsADrivenPort {

    public String check(DnsRecords records) {
        records.check();
        return records.name();
    }
}

package net.azt3knet.domain.dns;

import java.util.Optional;

/**
 * A host's public addresses, each in canonical form; either may be unknown.
 *
 * @param ipv4 the IPv4 address
 * @param ipv6 the IPv6 address
 */
public record HostAddresses(Optional<String> ipv4, Optional<String> ipv6) {

    public static final HostAddresses NONE = new HostAddresses(Optional.empty(), Optional.empty());

    public HostAddresses {
        ipv4 = ipv4.map(Rdata::ipv4);
        ipv6 = ipv6.map(Rdata::ipv6);
    }

    public static HostAddresses of(String ipv4, String ipv6) {
        return new HostAddresses(Optional.ofNullable(ipv4).filter(s -> !s.isBlank()), Optional.ofNullable(ipv6).filter(s -> !s.isBlank()));
    }

    /** True when neither is known. */
    public boolean isEmpty() {
        return ipv4.isEmpty() && ipv6.isEmpty();
    }

    /** These addresses, each unknown one taken from {@code fallback}. */
    public HostAddresses or(HostAddresses fallback) {
        return new HostAddresses(ipv4.or(fallback::ipv4), ipv6.or(fallback::ipv6));
    }

    @Override
    public String toString() {
        return ipv4.orElse("-") + " " + ipv6.orElse("-");
    }
}

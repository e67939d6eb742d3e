package net.azt3knet.adapters.desec;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.dns.HostAddresses;
import net.azt3knet.domain.dns.Rdata;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.ports.out.dns.DnsRecordsException.Reason;

/**
 * {@link PublicAddress} from "what is my IP" services that answer the caller's address as plain text, one per
 * family — by default deSEC's own {@code checkipv4.dedyn.io} and {@code checkipv6.dedyn.io}, which only answer over
 * their family, so a machine without IPv6 simply has none.
 */
public final class CheckIpPublicAddress implements net.azt3knet.ports.out.dns.PublicAddress {

    public static final URI DEFAULT_IPV4 = URI.create("https://checkipv4.dedyn.io/");
    public static final URI DEFAULT_IPV6 = URI.create("https://checkipv6.dedyn.io/");

    private static final System.Logger LOG = System.getLogger(CheckIpPublicAddress.class.getName());

    private final URI ipv4;
    private final URI ipv6;
    private final Source v4;
    private final Source v6;

    /** One service, its client built once: its breaker and pacing must see every detection, not just one. */
    private record Source(URI uri, ProviderHttp http, String path) {
        static Source of(URI uri, ProviderLimits limits) {
            if (uri == null) return null;
            String root = uri.getScheme() + "://" + uri.getRawAuthority();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new Source(uri, new ProviderHttp("address source " + root, root, limits, Map::of, DesecReplies::failure), path);
        }
    }

    /** {@code ipv4} or {@code ipv6} null: that family is not detected. */
    public CheckIpPublicAddress(URI ipv4, URI ipv6, ProviderLimits limits) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.v4 = Source.of(ipv4, limits);
        this.v6 = Source.of(ipv6, limits);
    }

    @Override
    public HostAddresses detect() {
        Optional<String> v4 = ask(this.v4, "IPv4", Rdata::ipv4);
        Optional<String> v6 = ask(this.v6, "IPv6", Rdata::ipv6);
        if (ipv4 == null && ipv6 == null) {
            throw new DnsRecordsException(Reason.NOT_CONFIGURED, "address detection is off (DNS_ADDRESS_SOURCE_IPV4 and"
                    + " DNS_ADDRESS_SOURCE_IPV6 are both 'off'); set DNS_MAIL_HOST_IPV4/DNS_MAIL_HOST_IPV6");
        }
        if (v4.isEmpty() && v6.isEmpty()) {
            throw new DnsRecordsException(Reason.UNREACHABLE, "no public address could be detected (" + ipv4 + ", " + ipv6
                    + "); set DNS_MAIL_HOST_IPV4/DNS_MAIL_HOST_IPV6, or DNS_ADDRESS_SOURCE_IPV4/IPV6 to a reachable service");
        }
        return new HostAddresses(v4, v6);
    }

    private Optional<String> ask(Source source, String family, java.util.function.UnaryOperator<String> canonical) {
        if (source == null) return Optional.empty();
        try {
            Reply r = source.http().get(source.path());
            if (r.status() != 200) throw new IllegalArgumentException("HTTP " + r.status());
            return Optional.of(canonical.apply(r.body().strip()));
        } catch (RuntimeException e) {
            // one family missing is normal (no IPv6 route); the caller keeps that family's record as it is
            LOG.log(System.Logger.Level.INFO, "no {0} address from {1}: {2}", family, source.uri(), e.getMessage());
            return Optional.empty();
        }
    }
}

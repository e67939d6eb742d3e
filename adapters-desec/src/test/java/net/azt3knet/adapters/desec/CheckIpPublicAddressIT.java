package net.azt3knet.adapters.desec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.dns.HostAddresses;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Address detection against "what is my IP" services that answer plain text, one per family (WireMock). */
class CheckIpPublicAddressIT {

    private static final ProviderLimits LIMITS = new ProviderLimits(Duration.ofSeconds(2), 1000, 0, Duration.ofSeconds(1));

    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private void answer(String path, int status, String body) {
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void bothFamiliesAreReadInCanonicalForm() {
        answer("/v4", 200, " 192.0.2.7\n");
        answer("/v6", 200, "2001:DB8:0:0:0:0:0:1\n");
        HostAddresses found = new CheckIpPublicAddress(at("/v4"), at("/v6"), LIMITS).detect();
        assertThat(found.ipv4()).contains("192.0.2.7");
        assertThat(found.ipv6()).contains("2001:db8::1");
    }

    @Test
    void aFamilyWhoseServiceFailsOrAnswersNonsenseIsLeftUnknown() {
        answer("/v4", 200, "192.0.2.7");
        answer("/v6", 200, "<html>not an address</html>");
        assertThat(new CheckIpPublicAddress(at("/v4"), at("/v6"), LIMITS).detect().ipv6()).isEqualTo(Optional.empty());
        answer("/v6", 503, "");
        assertThat(new CheckIpPublicAddress(at("/v4"), at("/v6"), LIMITS).detect().ipv4()).contains("192.0.2.7");
    }

    @Test
    void noAddressAtAllIsUnreachableAndDetectionOffIsNotConfigured() {
        answer("/v4", 500, "");
        assertThatThrownBy(() -> new CheckIpPublicAddress(at("/v4"), null, LIMITS).detect())
                .isInstanceOfSatisfying(DnsRecordsException.class,
                        e -> assertThat(e.reason()).isEqualTo(DnsRecordsException.Reason.UNREACHABLE));
        assertThatThrownBy(() -> new CheckIpPublicAddress(null, null, LIMITS).detect())
                .isInstanceOfSatisfying(DnsRecordsException.class,
                        e -> assertThat(e.reason()).isEqualTo(DnsRecordsException.Reason.NOT_CONFIGURED));
    }

    @Test
    void detectionsShareOneClientSoAFailingServiceOpensItsBreaker() {
        answer("/v4", 200, "192.0.2.7");
        answer("/v6", 503, "");
        CheckIpPublicAddress address = new CheckIpPublicAddress(at("/v4"), at("/v6"), LIMITS);
        for (int i = 0; i < 25; i++) assertThat(address.detect().ipv4()).contains("192.0.2.7");
        // a client per detection would have sent all 25; one client's breaker opens after 20 failures
        server.verify(20, getRequestedFor(urlEqualTo("/v6")));
        server.verify(25, getRequestedFor(urlEqualTo("/v4")));
    }
}

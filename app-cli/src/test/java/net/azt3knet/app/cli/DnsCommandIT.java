package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.azt3knet.adapters.desec.DesecStub;
import net.azt3knet.adapters.mailjet.MailjetStub;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DNS commands end to end through the CLI: on the zone-file default (bootstrap, steady state, drift, hand edits
 * kept) and on the deSEC stub with Mailjet's records from its API (one write, zero on the rerun, foreign records kept,
 * pruning behind --force), plus dyn-update against a local "what is my IP" service.
 */
class DnsCommandIT {

    private static final DesecStub DESEC = new DesecStub();
    private static final MailjetStub MAILJET = new MailjetStub();
    @RegisterExtension
    static final StubServer DESEC_SERVER = new StubServer(DESEC);
    @RegisterExtension
    static final StubServer MAILJET_SERVER = new StubServer(MAILJET);
    private static CliHome held;
    private static Map<String, String> env;
    private static HttpServer whatIsMyIp;
    private static final AtomicReference<String> PUBLIC_IPV4 = new AtomicReference<>("192.0.2.44");

    @BeforeAll
    static void start() throws IOException {
        held = CliHome.open("dns-it-");
        env = new HashMap<>(held.env);
        whatIsMyIp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        whatIsMyIp.createContext("/", x -> {
            byte[] body = (PUBLIC_IPV4.get() + "\n").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        whatIsMyIp.start();
        env.put("DNS_ADDRESS_SOURCE_IPV4", "http://127.0.0.1:" + whatIsMyIp.getAddress().getPort() + "/");
        env.put("DNS_ADDRESS_SOURCE_IPV6", "off");
    }

    @AfterAll
    static void stop() {
        if (whatIsMyIp != null) whatIsMyIp.stop(0);
        if (held != null) held.close();
    }

    private static CliRun az(Map<String, String> with, String... args) {
        return CliRun.in(with, held.dir, args);
    }

    @Test
    void zoneFilesFromBootstrapToDriftForTheLocalProvidersMailboxes() throws IOException {
        CliRun made = az(env, "populate", "--count", "5", "--seed", "dns", "--domain", "zf.example.org", "--create-mailboxes");
        assertThat(made.exitCode()).as(made.err()).isZero();

        CliRun plan = az(env, "dns", "plan", "--domain", "zf.example.org");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("providers: local").contains("+ create zf.example.org. 3600 MX  10 mail.zf.example.org.")
                .contains("_dmarc.zf.example.org. 3600 TXT  \"v=DMARC1; p=quarantine\"");
        assertThat(plan.err()).contains("'azt3knet dns bootstrap --domain zf.example.org' creates it");

        CliRun boot = az(env, "dns", "bootstrap", "--domain", "zf.example.org");
        assertThat(boot.exitCode()).as(boot.err()).isZero();
        assertThat(boot.out()).contains("\"zone_created\":true").contains("\"writes\":1").contains("\"verified\":true");
        Path zone = Path.of(env.get("AZT3KNET_DATA_DIR"), "dns", "zf.example.org.zone");
        String file = Files.readString(zone);
        assertThat(file).contains("mail\t3600\tIN\tA\t192.0.2.44").as("the detected address").contains("$ORIGIN zf.example.org.")
                .contains("\"v=spf1 mx ~all\"");

        CliRun again = az(env, "dns", "apply", "--domain", "zf.example.org");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("\"writes\":0");
        assertThat(Files.readString(zone)).as("no write, not even the serial").isEqualTo(file);
        assertThat(az(env, "dns", "plan", "--domain", "zf.example.org", "--expect-no-changes").exitCode()).isZero();

        Files.writeString(zone, file.replace("10 mail.zf.example.org.", "20 other.example.net.") + "www\t600\tIN\tA\t198.51.100.80\n");
        CliRun drift = az(env, "dns", "plan", "--domain", "zf.example.org", "--expect-no-changes", "--format", "csv");
        assertThat(drift.exitCode()).isEqualTo(Errors.DRIFT);
        assertThat(drift.out()).contains("update,zf.example.org.,MX,3600,10 mail.zf.example.org.,20 other.example.net.");
        assertThat(az(env, "dns", "apply", "--domain", "zf.example.org").exitCode()).isZero();
        assertThat(Files.readString(zone)).contains("10 mail.zf.example.org.").as("a hand-made record stays").contains("198.51.100.80");

        PUBLIC_IPV4.set("192.0.2.45");
        CliRun moved = az(env, "dns", "dyn-update", "--domain", "zf.example.org");
        assertThat(moved.exitCode()).as(moved.err()).isZero();
        assertThat(moved.out()).contains("\"ipv4\":\"192.0.2.45\"").contains("\"written\":true");
        CliRun still = az(env, "dns", "dyn-update", "--domain", "zf.example.org", "--once");
        assertThat(still.out()).contains("\"written\":false");
        assertThat(still.err()).contains("unchanged at 192.0.2.45");
        assertThat(az(env, "dns", "apply", "--domain", "zf.example.org").out()).as("apply keeps the updated address").contains("\"writes\":0");

        CliRun audit = az(env, "audit", "list", "--action", "dns.apply", "--format", "csv");
        assertThat(audit.out()).contains("dns.apply,zone:zf.example.org,ok");
    }

    @Test
    void desecWithMailjetsRecordsOneWriteThenNoneAndPruningNeedsForce() {
        Map<String, String> d = new HashMap<>(env);
        d.put("DESEC_TOKEN", DesecStub.TOKEN);
        d.put("DESEC_BASE_URL", DESEC_SERVER.server().baseUrl() + "/api/v1");
        d.put("MAILJET_BASE_URL", MAILJET_SERVER.server().baseUrl());
        d.put("MAILJET_API_KEY", MailjetStub.KEY);
        d.put("MAILJET_SECRET_KEY", MailjetStub.SECRET);
        CliRun made = az(d, "populate", "--count", "4", "--seed", "dj", "--domain", "dj.example.org", "--create-mailboxes", "--provider", "mailjet");
        assertThat(made.exitCode()).as(made.err()).isZero();
        List<String[]> foreign = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) foreign.add(new String[] {"site" + i, "A", "3600", "198.51.100." + i});
        foreign.add(new String[] {"", "TXT", "3600", "\"google-site-verification=keep-me\""});
        DESEC.zone("dj.example.org", 3600, foreign);

        CliRun boot = az(d, "dns", "bootstrap", "--domain", "dj.example.org");
        assertThat(boot.exitCode()).as(boot.err()).isZero();
        assertThat(boot.out()).contains("\"zone_created\":false").contains("\"writes\":1").contains("\"verified\":true");
        assertThat(DESEC.records("dj.example.org", "", "TXT"))
                .containsExactlyInAnyOrder("\"google-site-verification=keep-me\"", "\"v=spf1 include:spf.mailjet.com ~all\"");
        assertThat(DESEC.records("dj.example.org", "mailjet._domainkey", "TXT")).singleElement().asString().startsWith("\"k=rsa; p=");
        assertThat(DESEC.records("dj.example.org", "mailjet._" + Integer.toHexString("dj.example.org".hashCode()), "TXT")).hasSize(1);
        assertThat(DESEC.records("dj.example.org", "site3", "A")).containsExactly("198.51.100.3");
        int writes = DESEC.rrsetWrites.get("dj.example.org");

        CliRun again = az(d, "dns", "apply", "--domain", "dj.example.org");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("\"writes\":0");
        assertThat(DESEC.rrsetWrites.get("dj.example.org")).isEqualTo(writes);

        CliRun refused = az(d, "dns", "apply", "--domain", "dj.example.org", "--prune");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("more than 30 %").contains("--force");
        assertThat(DESEC.rrsetWrites.get("dj.example.org")).isEqualTo(writes);
        CliRun forced = az(d, "dns", "apply", "--domain", "dj.example.org", "--prune", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("\"deleted\":12").contains("\"writes\":1");
        assertThat(DESEC.records("dj.example.org", "", "NS")).as("apex NS is never touched").hasSize(2);
        assertThat(DESEC.records("dj.example.org", "", "TXT")).contains("\"google-site-verification=keep-me\"");

        Map<String, String> badToken = new HashMap<>(d);
        badToken.put("DESEC_TOKEN", "wrong");
        CliRun denied = az(badToken, "dns", "check");
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err()).contains("deSEC refused the token").doesNotContain("wrong");
    }

    @Test
    void badInputIsNamed() {
        CliRun domain = az(env, "dns", "plan", "--domain", "not a domain", "--provider", "local");
        assertThat(domain.exitCode()).isEqualTo(2);
        assertThat(domain.err()).contains("--domain 'not a domain' is not a domain name");
        Map<String, String> bad = new HashMap<>(env);
        bad.put("DNS_DMARC_POLICY", "strict");
        bad.put("DNS_MAIL_HOST_IPV4", "300.1.1.1");
        CliRun config = az(bad, "dns", "plan", "--domain", "x.example.org", "--provider", "local");
        assertThat(config.exitCode()).isEqualTo(2);
        assertThat(config.err()).contains("DNS_DMARC_POLICY='strict' must be none, quarantine or reject").contains("DNS_MAIL_HOST_IPV4");
        CliRun often = az(env, "dns", "dyn-update", "--domain", "x.example.org", "--every", "10s");
        assertThat(often.exitCode()).isEqualTo(2);
        assertThat(often.err()).contains("2 address updates per 2 minutes");
        CliRun none = az(env, "dns", "plan", "--domain", "nobody.example.org");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("name the providers").contains("--provider");
        assertThat(none.err()).doesNotContain("Exception");
    }
}

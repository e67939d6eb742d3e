package net.azt3knet.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import net.azt3knet.domain.dns.DnsPlanner;
import net.azt3knet.domain.dns.HostAddresses;
import net.azt3knet.domain.dns.MailProfile;
import net.azt3knet.domain.dns.MailRecords;
import net.azt3knet.domain.dns.ProviderDns;
import net.azt3knet.domain.dns.Rdata;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zone file loaded into a real authoritative server (NSD, from Debian's {@code nsd} package; {@code .ci/run}
 * installs it) on a loopback port, and asked over DNS for what a mail domain needs. Skipped, saying why, where NSD is
 * not installed.
 */
class ZoneFileNsdIT {

    static final String DOMAIN = "agents.example.org";

    @TempDir
    Path dir;

    @Test
    void nsdServesTheMailRecordsAsPlanned() throws Exception {
        Path nsd = find("nsd");
        Path check = find("nsd-checkzone");
        Assumptions.assumeTrue(nsd != null && check != null,
                "NSD is not installed (apt-get install nsd); the zone file was not checked by a real DNS server");

        ZoneFileDnsRecords dns = new ZoneFileDnsRecords(dir, "ns1.example.net", Clock.systemUTC());
        ProviderDns mailcow = new ProviderDns("mailcow", true, Optional.empty(), List.of(), List.of(
                new ProviderDns.Record("dkim._domainkey." + DOMAIN, "TXT", "v=DKIM1;k=rsa;t=s;s=email;p=" + "MIIBIjAN".repeat(49))), true);
        ProviderDns mailjet = new ProviderDns("mailjet", false, Optional.empty(), List.of("include:spf.mailjet.com"), List.of(), false);
        MailProfile profile = new MailProfile(DOMAIN, "mail." + DOMAIN, HostAddresses.of("192.0.2.10", "2001:db8::10"),
                "quarantine", Optional.of("dmarc@example.org"), List.of(), "~all", 3600, List.of(mailcow, mailjet));
        dns.createZone(DOMAIN);
        dns.apply(DOMAIN, DnsPlanner.plan(MailRecords.desired(profile), dns.zone(DOMAIN).orElseThrow(), false).changes());

        Process checked = new ProcessBuilder(check.toString(), DOMAIN, dns.file(DOMAIN).toString()).redirectErrorStream(true).start();
        String checkOut = new String(checked.getInputStream().readAllBytes());
        assertThat(checked.waitFor()).as(checkOut).isZero();

        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("nsd.conf");
        Files.writeString(conf, """
                server:
                  ip-address: 127.0.0.1@%1$d
                  port: %1$d
                  username: ""
                  chroot: ""
                  zonesdir: "%2$s"
                  database: ""
                  pidfile: "%2$s/nsd.pid"
                  xfrdfile: "%2$s/xfrd.state"
                  xfrdir: "%2$s"
                  zonelistfile: "%2$s/zone.list"
                  logfile: "%2$s/nsd.log"
                  server-count: 1
                  verbosity: 1
                remote-control:
                  control-enable: no
                zone:
                  name: %3$s
                  zonefile: "%4$s"
                """.formatted(port, dir, DOMAIN, dns.file(DOMAIN)));
        Process server = new ProcessBuilder(nsd.toString(), "-d", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nsd.out").toFile()).start();
        try {
            InitialDirContext resolver = resolver(port);
            List<String> mx = query(resolver, DOMAIN, "MX", server);
            assertThat(mx).containsExactly("10 mail.agents.example.org.");
            // JNDI gives TXT data in presentation form: its strings, quoted where they hold a space
            assertThat(query(resolver, DOMAIN, "TXT", server)).map(Rdata::txtText).containsExactly("v=spf1 mx include:spf.mailjet.com ~all");
            assertThat(query(resolver, "_dmarc." + DOMAIN, "TXT", server)).map(Rdata::txtText)
                    .containsExactly("v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org");
            String dkim = query(resolver, "dkim._domainkey." + DOMAIN, "TXT", server).get(0);
            assertThat(Rdata.txtText(dkim)).isEqualTo("v=DKIM1;k=rsa;t=s;s=email;p=" + "MIIBIjAN".repeat(49));
            assertThat(dkim).as("a 420-byte key travels as two strings of at most 255 bytes").contains(" ");
            assertThat(query(resolver, "mail." + DOMAIN, "A", server)).containsExactly("192.0.2.10");
            assertThat(query(resolver, "mail." + DOMAIN, "AAAA", server).get(0)).isIn("2001:db8:0:0:0:0:0:10", "2001:db8::10");
            assertThat(query(resolver, "autoconfig." + DOMAIN, "CNAME", server)).containsExactly("mail.agents.example.org.");
        } finally {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    private static InitialDirContext resolver(int port) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", "dns://127.0.0.1:" + port);
        env.put("com.sun.jndi.dns.timeout.initial", "500");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        return new InitialDirContext(env);
    }

    /** The values of {@code type} at {@code name}, asking until NSD has loaded the zone (at most 10 s). */
    private List<String> query(InitialDirContext resolver, String name, String type, Process server) throws Exception {
        NamingException last = null;
        for (int i = 0; i < 40; i++) {
            try {
                Attribute a = resolver.getAttributes(name, new String[] {type}).get(type);
                List<String> out = new ArrayList<>();
                if (a != null) for (int k = 0; k < a.size(); k++) out.add(a.get(k).toString());
                return out;
            } catch (NamingException e) {
                last = e;
                if (!server.isAlive()) break;
                Thread.sleep(250);
            }
        }
        throw new AssertionError("NSD did not answer for " + name + " " + type + ": " + last + "\n" + nsdLog(), last);
    }

    private String nsdLog() {
        try {
            return Files.readString(dir.resolve("nsd.out")) + (Files.exists(dir.resolve("nsd.log")) ? Files.readString(dir.resolve("nsd.log")) : "");
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static Path find(String program) {
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin").split(":")) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}

package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.testkit.http.ProviderStub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's promise under the worst crash: {@code serve} in its own process relays through two slow HTTP providers
 * (Cakemail for one sender domain, Mailjet for another) while several SMTP clients submit; it is killed with SIGKILL
 * while both hold sends they have not answered, started again on the same data directory, and drains the spool.
 * Every acknowledged queue id reaches a provider exactly once, nothing unacknowledged twice (counted at the stubs),
 * and the restarted process reuses the PostgreSQL server its killed predecessor left running instead of starting a
 * second one on the directory.
 */
class KillRestartExactlyOnceIT {

    private static final Path JAR = Path.of("target", "azt3knet.jar").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("SMTP gateway listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern QUEUED = Pattern.compile("queued as (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;
    /** Enough that a backlog builds up behind the slow providers, few enough to drain in seconds. */
    private static final int PER_CLIENT = 40;
    /** How long a provider takes to answer a send: long enough that a kill finds messages in flight. */
    private static final int SLOW_MILLIS = 600;

    private static Path home;
    private static Path cache;
    private static Map<String, String> env;
    private static Path certs;
    private static String password;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void prepare() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        home = Files.createTempDirectory(target, "kill9-it-");
        cache = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"), "azt3knet");
        env = new HashMap<>(Map.of("HOME", home.toString(), "USER", "tester", "AZT3KNET_DATA_DIR", home.resolve("data").toString(),
                "AZT3KNET_CACHE_DIR", cache.toString(), "DNS_ADDRESS_SOURCE_IPV4", "off", "DNS_ADDRESS_SOURCE_IPV6", "off"));
        env.put("SECRET_KEY_FOR_KV_ENC", CliRun.in(env, home, "keys", "generate").out().strip());
        certs = home.resolve("tls");
        CliRun cert = CliRun.in(env, home, "smtp", "cert", "--self-signed", "--host", "localhost", "--out-dir", certs.toString());
        assertThat(cert.exitCode()).as(cert.err()).isZero();
        // No process holds the database once this returns: the serve started next is the one that starts PostgreSQL.
        CliRun user = CliRun.in(env, home, "smtp-users", "create", "newsletter", "--domain", "news.example.org,jet.example.org");
        assertThat(user.exitCode()).as(user.err()).isZero();
        password = user.out().strip();
        env.put("AZT3KNET_SMTP", "127.0.0.1:0");
        env.put("AZT3KNET_SMTP_HOSTNAME", "gw.example.org");
        env.put("AZT3KNET_SMTP_CERT", certs.resolve("cert.pem").toString());
        env.put("AZT3KNET_SMTP_KEY", certs.resolve("key.pem").toString());
    }

    @Test
    void everyAcknowledgedMessageReachesCakemailOrMailjetOnceAfterAKillDuringSends() throws Exception {
        Kill kill = new Kill();
        CakemailSend cakemail = new CakemailSend(kill);
        MailjetSend mailjet = new MailjetSend(kill);
        kill.stubs = List.of(cakemail, mailjet);
        WireMockServer cakemailServer = ProviderStub.serve(cakemail);
        WireMockServer mailjetServer = ProviderStub.serve(mailjet);
        try {
            Map<String, String> serveEnv = new HashMap<>(env);
            serveEnv.putAll(Map.of("CAKEMAIL_USERNAME", "api@news.example.org", "CAKEMAIL_PASSWORD", "cm-pass",
                    "CAKEMAIL_BASE_URL", cakemailServer.baseUrl(), "CAKEMAIL_SEND_DOMAINS", "news.example.org", "CAKEMAIL_RATE_LIMIT", "1000"));
            serveEnv.putAll(Map.of("MAILJET_API_KEY", MailjetSend.KEY, "MAILJET_SECRET_KEY", MailjetSend.SECRET,
                    "MAILJET_BASE_URL", mailjetServer.baseUrl(), "MAILJET_SEND_DOMAINS", "jet.example.org", "MAILJET_RATE_LIMIT", "1000"));
            killAndRestart(serveEnv, kill, cakemail, mailjet);
        } finally {
            // a failed run leaves no serve behind (SIGTERM: the last one to leave stops PostgreSQL)
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            }
            cakemailServer.stop();
            mailjetServer.stop();
        }
    }

    private void killAndRestart(Map<String, String> serveEnv, Kill kill, CakemailSend cakemail, MailjetSend mailjet) throws Exception {
        Path pidFile = home.resolve("data/pg/cluster/postmaster.pid");
        long t0 = System.nanoTime();
        Process first = serve(serveEnv, "serve-1");
        int port = awaitPort(home.resolve("serve-1.err"));
        long loadFrom = System.nanoTime();
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> unexpected = new ArrayList<>();
        AtomicLong killedAt = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            // half the clients send as a Cakemail domain, half as a Mailjet one
            String from = client % 2 == 0 ? "editor@news.example.org" : "editor@jet.example.org";
            clients.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                try {
                    submit(port, client, from, acknowledged);
                } catch (Exception e) {
                    if (killedAt.get() == 0) {
                        synchronized (unexpected) {
                            unexpected.add(e);
                        }
                    }
                }
            }));
        }
        // Killed while both providers hold a send they have taken but not yet answered.
        assertThat(kill.point.await(45, TimeUnit.SECONDS)).as("the relay reached both providers under load").isTrue();
        killedAt.set(System.nanoTime());
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (Thread t : clients) t.join(15_000);
        assertThat(unexpected).as("no client failed before the kill").isEmpty();
        assertThat(acknowledged).as("clients had messages acknowledged before the kill").hasSizeGreaterThan(CLIENTS);
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("PostgreSQL outlived the killed serve").contains(true);

        Process second = serve(serveEnv, "serve-2");
        awaitPort(home.resolve("serve-2.err"));
        long restarted = System.nanoTime();
        assertThat(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                .as("the restarted serve reuses the surviving server: never two on one directory").isEqualTo(postmaster);
        try (PostgresPersistence db = PostgresPersistence.start(DatabaseSettings.embedded(home.resolve("data/pg"), cache), Clock.systemUTC())) {
            awaitDrained(db);
            System.out.printf("kill -9 IT: serve up in %d ms, killed after %d ms of load with %d acknowledged, restarted in %d ms,"
                    + " drained in %d ms%n", ms(loadFrom - t0), ms(killedAt.get() - loadFrom), acknowledged.size(),
                    ms(restarted - killedAt.get()), ms(System.nanoTime() - restarted));
            assertThat(count(db, "SELECT count(*) FROM smtp_spool WHERE state <> 'sent'")).as("nothing bounced or held").isZero();
            Map<Long, Integer> received = new HashMap<>();
            for (SendStub stub : List.of(cakemail, mailjet)) {
                Map<Long, Integer> got = stub.received();
                assertThat(got).as("nothing reached %s twice", stub.getName()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
                assertThat(stub.foundByLookup.get()).as("%s: the send cut off by the kill was found by the lookup, not sent again",
                        stub.getName()).isPositive();
                got.forEach((id, n) -> received.merge(id, n, Integer::sum));
            }
            for (long id : acknowledged) {
                assertThat(received.getOrDefault(id, 0)).as("acknowledged message %d was delivered exactly once", id).isEqualTo(1);
            }
            assertThat(received).as("nothing reached both providers").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(received.keySet()).as("everything the providers got was spooled")
                    .allSatisfy(id -> assertThat(acknowledged.contains(id) || spooled(db, id)).isTrue());
        }
        second.destroy();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        assertThat(pidFile).as("the last user stopped the server").doesNotExist();
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static Process serve(Map<String, String> serveEnv, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "serve", "--http", "127.0.0.1:0").directory(home.toFile()).redirectError(home.resolve(name + ".err").toFile());
        pb.environment().clear();
        pb.environment().putAll(serveEnv);
        pb.environment().put("AZT3KNET_LOG_FILE", home.resolve(name + ".log").toString());
        pb.environment().put("PATH", System.getenv("PATH"));
        Process p = pb.start();
        started.add(p);
        String base = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(base).as("serve prints the admin API's address; stderr: %s", Files.readString(home.resolve(name + ".err")))
                .matches("http://127\\.0\\.0\\.1:\\d+");
        return p;
    }

    private static int awaitPort(Path err) throws Exception {
        for (int i = 0; i < 300; i++) {
            Matcher m = LISTENING.matcher(Files.readString(err));
            if (m.find()) return Integer.parseInt(m.group(1));
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not name the SMTP port: " + Files.readString(err));
    }

    /** Until nothing is queued, deferred or sending (the relay polls every second). */
    private static void awaitDrained(PostgresPersistence db) throws Exception {
        long left = -1;
        for (int i = 0; i < 300; i++) {
            left = count(db, "SELECT count(*) FROM smtp_spool WHERE state IN ('queued', 'deferred', 'sending')");
            if (left == 0) return;
            Thread.sleep(100);
        }
        throw new AssertionError(left + " messages still waiting after 30 s");
    }

    private static long count(PostgresPersistence db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static boolean spooled(PostgresPersistence db, long id) {
        try {
            return count(db, "SELECT count(*) FROM smtp_spool WHERE id = " + id) == 1;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** One client's session: messages one after another until the server goes away (or {@link #PER_CLIENT}). */
    private static void submit(int port, int client, String from, Set<Long> acknowledged) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "false"); // the certificate names localhost; we connect to 127.0.0.1
        p.put("mail.smtp.ssl.socketFactory", trustingTheCertificate().getSocketFactory());
        p.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(p);
        try (Transport t = session.getTransport("smtp")) {
            t.connect("newsletter", password);
            for (int n = 0; n < PER_CLIENT; n++) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress(from));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress("reader" + client + "@elsewhere.example"));
                m.setSubject("load " + client + "-" + n);
                m.setText("message " + n + " of client " + client);
                t.sendMessage(m, m.getAllRecipients());
                // Angus Mail's SMTPTransport keeps the 250 line; called by name, as app-cli declares only the Jakarta Mail API.
                String reply = (String) t.getClass().getMethod("getLastServerResponse").invoke(t);
                Matcher q = QUEUED.matcher(reply);
                if (!q.find()) throw new MessagingException("no queue id in: " + reply);
                acknowledged.add(Long.parseLong(q.group(1)));
            }
        }
    }

    /** Trusts the certificate 'smtp cert' wrote, and nothing else. */
    private static SSLContext trustingTheCertificate() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.resolve("cert.pem"))) {
            trust.setCertificateEntry("gw", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    /**
     * When to kill: once each provider has taken five sends, at a send that comes less than half an answer time after
     * the other provider's latest, so both hold a send they have not answered yet.
     */
    private static final class Kill {
        final CountDownLatch point = new CountDownLatch(1);
        volatile List<SendStub> stubs = List.of();

        void check() {
            long now = System.nanoTime();
            boolean ready = !stubs.isEmpty() && stubs.stream().allMatch(s -> s.sends.size() >= 5
                    && now - s.lastTaken.get() < TimeUnit.MILLISECONDS.toNanos(SLOW_MILLIS / 2));
            if (ready) point.countDown();
        }
    }

    /**
     * A provider that counts what it receives by queue id, the moment it receives it (the effect of a send that is
     * then answered late or never), and answers its lookups from those records.
     */
    private abstract static class SendStub extends ProviderStub {

        final Map<Long, AtomicInteger> sends = new ConcurrentHashMap<>();
        final AtomicLong lastTaken = new AtomicLong();
        final AtomicInteger foundByLookup = new AtomicInteger();
        private final Kill kill;

        SendStub(Kill kill) {
            this.kill = kill;
        }

        void took(long queueId) {
            sends.computeIfAbsent(queueId, k -> new AtomicInteger()).incrementAndGet();
            lastTaken.set(System.nanoTime());
            kill.check();
        }

        Map<Long, Integer> received() {
            Map<Long, Integer> out = new HashMap<>();
            sends.forEach((id, n) -> out.put(id, n.get()));
            return out;
        }

        static ResponseDefinition slow(ResponseDefinition answer) {
            return ResponseDefinitionBuilder.like(answer).withFixedDelay(SLOW_MILLIS).build();
        }

    }

    /**
     * Cakemail as PROVIDER-APIS.md §3 documents it, as far as the relay uses it: the password grant on {@code /token},
     * the sender list, {@code POST /v2/emails} (one recipient, tags) answered 201 {@code queued}, and the email logs
     * filtered by tag.
     */
    private static final class CakemailSend extends SendStub {

        private static final Pattern TAG = Pattern.compile("azt3knet-q(\\d+)-(\\d+)");
        private final Map<String, String> byTag = new ConcurrentHashMap<>();
        private final AtomicInteger nextEmail = new AtomicInteger();

        CakemailSend(Kill kill) {
            super(kill);
        }

        @Override
        protected ResponseDefinition unreadable() {
            return json(422, "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"Invalid JSON\",\"type\":\"value_error.jsondecode\"}]}");
        }

        @Override
        public String getName() {
            return "cakemail-send";
        }

        @Override
        protected ResponseDefinition refuse(Request request, boolean write) {
            if (request.getUrl().startsWith("/token")) return null;
            return "Bearer at-1".equals(request.getHeader("Authorization")) ? null : json(401, "{\"detail\":\"Invalid or expired token\"}");
        }

        @Override
        protected ResponseDefinition route(String method, String path, Map<String, String> query, String body) throws Exception {
            if (path.equals("/token") && method.equals("POST")) {
                if (!body.contains("password=cm-pass") && !body.contains("grant_type=refresh_token")) {
                    return json(401, "{\"detail\":[{\"code\":401,\"msg\":\"Incorrect username or password\",\"type\":\"unauthorized\"}]}");
                }
                return json(200, "{\"access_token\":\"at-1\",\"token_type\":\"bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-1\",\"accounts\":[1]}");
            }
            if (path.equals("/brands/default/senders") && method.equals("GET")) {
                return json(200, "{\"pagination\":{\"page\":1,\"per_page\":100},\"data\":[{\"id\":\"s-1\",\"name\":\"Editor\","
                        + "\"email\":\"editor@news.example.org\",\"confirmed\":true,\"language\":\"en_US\"}]}");
            }
            if (path.equals("/v2/emails") && method.equals("POST")) {
                JsonNode in = JSON.readTree(body);
                Matcher tag = TAG.matcher(in.path("tags").path(0).asText(""));
                if (!tag.matches() || in.path("email").asText("").isEmpty()) {
                    return json(422, "{\"detail\":[{\"loc\":[\"body\",\"tags\"],\"msg\":\"field required\",\"type\":\"value_error\"}]}");
                }
                String id = "e-" + nextEmail.incrementAndGet();
                byTag.put(tag.group(0), id);
                took(Long.parseLong(tag.group(1)));
                return slow(json(201, "{\"email\":\"" + in.path("email").asText() + "\",\"object\":\"email\",\"submitted\":true,"
                        + "\"data\":{\"id\":\"" + id + "\",\"status\":\"queued\"}}"));
            }
            if (path.equals("/v2/logs/emails") && method.equals("GET")) {
                String id = byTag.get(query.getOrDefault("tags", ""));
                if (id != null) foundByLookup.incrementAndGet();
                return json(200, id == null ? "{\"data\":[]}" : "{\"data\":[{\"email_id\":\"" + id + "\",\"type\":\"submitted\"}]}");
            }
            return json(404, "{\"detail\":\"Not Found\"}");
        }
    }

    /**
     * Mailjet as PROVIDER-APIS.md §1 documents it, as far as the relay uses it: Basic auth, the sender list (the
     * health check), {@code POST /v3.1/send} answered per message in input order with one MessageID per recipient,
     * and the Message resource filtered by {@code CustomID}.
     */
    private static final class MailjetSend extends SendStub {

        static final String KEY = "mj-key";
        static final String SECRET = "mj-secret";
        private final Map<String, List<Long>> byCustomId = new ConcurrentHashMap<>();
        private final AtomicLong nextId = new AtomicLong(576460752303423488L);

        MailjetSend(Kill kill) {
            super(kill);
        }

        @Override
        protected ResponseDefinition unreadable() {
            return json(400, "{\"ErrorIdentifier\":\"x\",\"ErrorCode\":\"mj-0002\",\"ErrorMessage\":\"Malformed JSON\",\"StatusCode\":400}");
        }

        @Override
        public String getName() {
            return "mailjet-send";
        }

        @Override
        protected ResponseDefinition refuse(Request request, boolean write) {
            String good = "Basic " + java.util.Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
            return good.equals(request.getHeader("Authorization")) ? null
                    : json(401, "{\"ErrorInfo\":\"\",\"ErrorMessage\":\"API key authentication/authorization failure\",\"StatusCode\":401}");
        }

        @Override
        protected ResponseDefinition route(String method, String path, Map<String, String> query, String body) throws Exception {
            if (path.equals("/v3.1/send") && method.equals("POST")) {
                JsonNode messages = JSON.readTree(body).path("Messages");
                if (!messages.isArray() || messages.isEmpty() || messages.size() > 50) {
                    return json(400, "{\"ErrorIdentifier\":\"x\",\"ErrorCode\":\"mj-0008\",\"ErrorMessage\":\"Messages: 1 to 50 items\",\"StatusCode\":400}");
                }
                ObjectNode out = JSON.createObjectNode();
                ArrayNode each = out.putArray("Messages");
                for (JsonNode m : messages) {
                    String customId = m.path("CustomID").asText("");
                    ObjectNode r = each.addObject().put("Status", "success").put("CustomID", customId);
                    List<Long> ids = new ArrayList<>();
                    for (String field : List.of("To", "Cc", "Bcc")) {
                        ArrayNode list = r.putArray(field);
                        for (JsonNode to : m.path(field)) {
                            long id = nextId.incrementAndGet();
                            ids.add(id);
                            list.addObject().put("Email", to.path("Email").asText()).put("MessageUUID", java.util.UUID.randomUUID().toString())
                                    .put("MessageID", id).put("MessageHref", "https://api.mailjet.com/v3/REST/message/" + id);
                        }
                    }
                    byCustomId.put(customId, ids);
                    took(Long.parseLong(customId));
                }
                return slow(json(200, out.toString()));
            }
            if (path.equals("/v3/REST/message") && method.equals("GET")) {
                String customId = query.getOrDefault("CustomID", "");
                List<Long> ids = byCustomId.getOrDefault(customId, List.of());
                if (!ids.isEmpty()) foundByLookup.incrementAndGet();
                ObjectNode out = JSON.createObjectNode().put("Count", ids.size()).put("Total", ids.size());
                ArrayNode data = out.putArray("Data");
                for (long id : ids) {
                    data.addObject().put("ArrivedAt", "2026-12-03T10:00:00Z").put("AttemptCount", 0).put("ID", id)
                            .put("CustomID", customId).put("Status", "sent");
                }
                return json(200, out.toString());
            }
            if (path.equals("/v3/REST/sender") && method.equals("GET")) {
                return json(200, "{\"Count\":1,\"Data\":[{\"ID\":1,\"Email\":\"editor@jet.example.org\",\"Status\":\"Active\"}],\"Total\":1}");
            }
            return json(400, "{\"ErrorInfo\":\"\",\"ErrorMessage\":\"Unknown resource\",\"StatusCode\":400}");
        }
    }
}

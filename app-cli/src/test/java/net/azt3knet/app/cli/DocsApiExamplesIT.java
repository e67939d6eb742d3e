package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.sun.net.httpserver.HttpServer;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import org.junit.jupiter.api.Test;

/**
 * Every shell example of docs/api.md runs as written, in order, in one bash session in a fresh directory: {@code
 * ./azt3knet} is the built CLI, {@code ./azt3knet serve} starts the server once (on a free port, which replaces
 * {@code http://127.0.0.1:8080}), and {@code curl} is {@link DocCurl}, so no curl is needed on the machine. Each
 * command must exit 0 and every HTTP answer must be 2xx (a cancel may find its job ended: 409). A job a command
 * starts is awaited before the next command that does not refer to it, and the elided job id {@code 8c0e…} stands
 * for the last job started.
 */
class DocsApiExamplesIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "azt3knet.jar").toAbsolutePath();
    private static final String JOB_PLACEHOLDER = "8c0e…";
    private static final String DOC_URL = "http://127.0.0.1:8080";
    private static final Pattern LOGGED = Pattern.compile("(\\d{3}) (\\S+) (\\S+) (\\S+)");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([a-z_]+)\"");
    private static final String MARK = "__doc_rc=";

    private Path dir;
    private Path log;
    private Process bash;
    private BufferedReader bashOut;
    private Process serve;
    private String base;

    @Test
    void everyExampleOfTheApiDocRuns() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        dir = Files.createTempDirectory(target, "docs-api-");
        log = dir.resolve("curl.log");
        Files.createFile(log);
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/azt3knet";
        String java = ProcessHandle.current().info().command().orElse("java");
        // The "what is my IP" service for dns bootstrap and dyn-update: a local one that answers a documentation address.
        HttpServer myIp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        myIp.createContext("/", exchange -> {
            byte[] ip = "203.0.113.7".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, ip.length);
            exchange.getResponseBody().write(ip);
            exchange.close();
        });
        myIp.start();
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "USER", "docs", "PATH", System.getenv("PATH"),
                "AZT3KNET_DATA_DIR", dir.resolve("data").toString(), "AZT3KNET_CACHE_DIR", cache,
                "AZT3KNET_LOG_FILE", dir.resolve("azt3knet.log").toString(),
                "DNS_ADDRESS_SOURCE_IPV4", "http://127.0.0.1:" + myIp.getAddress().getPort() + "/", "DNS_ADDRESS_SOURCE_IPV6", "off"));
        env.put("MAILJET_INBOUND_SECRET", "docs-inbound-secret-0123456789");
        env.put("DOCCURL_LOG", log.toString());
        Path shim = dir.resolve("azt3knet");
        Files.writeString(shim, "#!/bin/sh\nexec '" + java + "' -jar '" + JAR + "' \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));

        // The embedded database held open, so each CLI command attaches to it instead of starting it again.
        PostgresPersistence held = PostgresPersistence.start(DatabaseSettings.embedded(dir.resolve("data/pg"), Path.of(cache)),
                Clock.systemUTC());
        try {
            // The queue examples name message 42 and purge spam@example.org's two: the gateway's spool holds 42
            // accepted messages (ids 1-42; serve runs no relay yet, so they stay queued), the last two from that sender.
            for (int i = 1; i <= 42; i++) {
                String from = i > 40 ? "spam@example.org" : "news@agents.example.org";
                held.messageSpool().store(new net.azt3knet.ports.out.spool.Envelope(from, List.of("someone@example.net"),
                        Optional.of("newsletter"), "127.0.0.1", "docs.example"),
                        ("From: " + from + "\r\nTo: someone@example.net\r\nSubject: " + i + "\r\n\r\nhello\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
            }
            ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc").directory(dir.toFile())
                    .redirectError(dir.resolve("bash.err").toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            bash = pb.start();
            bashOut = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8));
            run("curl() { '" + java + "' -cp '" + Path.of("target", "test-classes").toAbsolutePath() + "' "
                    + DocCurl.class.getName() + " \"$@\"; }");
            try {
                runTheDoc(env);
            } finally {
                bash.getOutputStream().close();
                bash.waitFor(10, TimeUnit.SECONDS);
                bash.destroyForcibly();
                if (serve != null) {
                    serve.destroy();
                    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
                }
                myIp.stop(0);
            }
        } finally {
            held.close();
        }
        assertThat(Files.readString(dir.resolve("azt3knet.log"))).doesNotContain("docs-inbound-secret");
    }

    private void runTheDoc(Map<String, String> env) throws Exception {
        String lastJob = null;
        String lastJobRequest = null;
        boolean jobPending = false;
        int commands = 0;
        int calls = 0;
        for (String command : commands(Files.readString(ROOT.resolve("docs/api.md")))) {
            if (command.startsWith("./azt3knet serve")) {
                if (serve == null) startServe(env);
                continue;
            }
            if (jobPending && !command.contains(JOB_PLACEHOLDER)) {
                String state = awaitJob(lastJob);
                if (state.equals("cancelled")) { // the docs cancelled it: sending the request again resumes it
                    run(lastJobRequest);
                    state = awaitJob(lastJob = jobs(newCalls(0)).getLast());
                }
                assertThat(state).as("job " + lastJob + " started by: " + lastJobRequest).isEqualTo("succeeded");
                jobPending = false;
            }
            String line = command.replace(DOC_URL, base == null ? DOC_URL : base);
            if (lastJob != null) line = line.replace(JOB_PLACEHOLDER, lastJob);
            int before = (int) Files.lines(log).count();
            String out = run(line);
            commands++;
            List<String[]> answers = newCalls(before);
            calls += answers.size();
            for (String[] a : answers) {
                int status = Integer.parseInt(a[0]);
                boolean endedJob = status == 409 && a[1].equals("DELETE") && a[2].contains("/api/jobs/");
                assertThat(status < 300 || endedJob).as(command + "\n  answered " + status + ": " + out).isTrue();
            }
            List<String> started = jobs(answers);
            if (!started.isEmpty() && !command.contains(JOB_PLACEHOLDER)) {
                lastJob = started.getLast();
                lastJobRequest = line;
                jobPending = true;
            }
        }
        assertThat(commands).as("shell commands run from docs/api.md").isGreaterThanOrEqualTo(30);
        assertThat(calls).as("HTTP calls made").isGreaterThanOrEqualTo(25);
        assertThat(Files.readString(dir.resolve("agents.ndjson")).lines().count()).isEqualTo(10_000);
        assertThat(Files.readString(dir.resolve("all.ndjson")).lines().count()).isEqualTo(1000);
        assertThat(Files.readString(dir.resolve("openapi.json"))).contains("\"openapi\"");
        assertThat(Files.readString(dir.resolve("data/dns/agents.example.org.zone"))).contains("203.0.113.7");
    }

    /** The fenced sh blocks of a Markdown file, as whole commands (continued lines joined, comment lines dropped). */
    static List<String> commands(String markdown) {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder pending = null;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("```")) {
                inBlock = line.equals("```sh");
                continue;
            }
            if (!inBlock) continue;
            if (pending == null) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
                pending = new StringBuilder(line);
            } else {
                pending.append('\n').append(line);
            }
            String text = pending.toString();
            if (!text.endsWith("\\") && singleQuotesBalanced(text)) {
                commands.add(text);
                pending = null;
            }
        }
        return commands;
    }

    private static boolean singleQuotesBalanced(String text) {
        boolean open = false;
        boolean dq = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && !open) dq = !dq;
            else if (c == '\'' && !dq) open = !open;
            else if (c == '#' && !open && !dq && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                int eol = text.indexOf('\n', i);
                if (eol < 0) break;
                i = eol;
            }
        }
        return !open && !dq;
    }

    private void startServe(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "serve", "--http", "127.0.0.1:0").directory(dir.toFile()).redirectError(dir.resolve("serve.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        serve = pb.start();
        base = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(base).as("serve prints where it listens").matches("http://127\\.0\\.0\\.1:\\d+");
    }

    /** Runs one command in the bash session; returns what it printed, fails unless it exits 0. */
    private String run(String command) throws IOException {
        OutputStream in = bash.getOutputStream();
        in.write((command + "\nprintf '\\n" + MARK + "%d\\n' $?\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        StringBuilder out = new StringBuilder();
        for (String l = bashOut.readLine(); ; l = bashOut.readLine()) {
            assertThat(l).as("bash ended while running: " + command + "\n" + Files.readString(dir.resolve("bash.err"))).isNotNull();
            if (l.startsWith(MARK)) {
                int rc = Integer.parseInt(l.substring(MARK.length()));
                assertThat(rc).as(command + "\n" + out + "\n" + tail(dir.resolve("bash.err"))).isZero();
                return out.toString();
            }
            out.append(l).append('\n');
        }
    }

    private List<String[]> newCalls(int before) throws IOException {
        List<String[]> calls = new ArrayList<>();
        List<String> lines = Files.readAllLines(log);
        for (String l : lines.subList(Math.min(before, lines.size()), lines.size())) {
            Matcher m = LOGGED.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            calls.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        }
        return calls;
    }

    /** Ids of the jobs the calls started (202 with Location /api/jobs/{id}). */
    private static List<String> jobs(List<String[]> calls) {
        return calls.stream().filter(c -> c[0].equals("202") && c[3].startsWith("/api/jobs/"))
                .map(c -> c[3].substring("/api/jobs/".length())).toList();
    }

    private String awaitJob(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String json = run("curl -s -H \"$A\" " + base + "/api/jobs/" + id);
            Matcher m = STATE.matcher(json);
            assertThat(m.find()).as(json).isTrue();
            if (!List.of("queued", "running").contains(m.group(1))) return m.group(1);
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not end within 120 s");
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file);
        return text.substring(Math.max(0, text.length() - 2000));
    }
}

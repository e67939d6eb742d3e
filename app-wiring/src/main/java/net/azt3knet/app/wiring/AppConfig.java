package net.azt3knet.app.wiring;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.domain.dns.HostAddresses;
import net.azt3knet.domain.dns.MailDnsPolicy;
import net.azt3knet.domain.dns.Rdata;
import net.azt3knet.domain.credential.InvalidMasterKeyException;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.secret.SecretStore;

/**
 * The layered configuration: defaults &lt; config file &lt; {@code .env} &lt; environment &lt; command-line flags.
 * Secrets come from the chosen {@link SecretStore}. The product's own values are {@link Setting}s; each integration
 * declares and reads its own through the {@link Integrations} registry. {@link #validate} reports every missing or
 * malformed value at once.
 */
public final class AppConfig {

    /** Where a value came from, for {@code config} output and error messages. */
    public enum Origin { DEFAULT, CONFIG_FILE, DOTENV, ENVIRONMENT, FLAG }

    private record Value(String text, Origin origin) {
    }

    /** The layers by variable name, highest first: flags, environment, .env, config file. */
    private final Map<Origin, Map<String, String>> layers;
    private final Map<String, String> env;
    private final List<String> loadProblems;
    private SecretStore secrets;
    private Integrations integrations;

    private AppConfig(Map<Origin, Map<String, String>> layers, Map<String, String> env, List<String> loadProblems) {
        this.layers = layers;
        this.env = env;
        this.loadProblems = loadProblems;
    }

    /**
     * Loads the layers.
     *
     * @param env        the process environment
     * @param workingDir where {@code .env} is looked for
     * @param configFile an explicit config file ({@code --config}), or {@code null} for {@code AZT3KNET_CONFIG} or the default
     * @param flags      values given as flags
     */
    public static AppConfig load(Map<String, String> env, Path workingDir, Path configFile, Map<Setting, String> flags) {
        return load(env, workingDir, configFile, flags, Map.of());
    }

    /**
     * Loads the layers, with flags that set an integration's values too ({@code --llm-url} sets {@code LLM_BASE_URL}).
     *
     * @param integrationFlags values given as flags, by variable name
     */
    public static AppConfig load(Map<String, String> env, Path workingDir, Path configFile, Map<Setting, String> flags,
                                 Map<String, String> integrationFlags) {
        List<String> problems = new ArrayList<>();
        Map<String, String> fromFile = new HashMap<>();

        Path file = configFile;
        boolean explicit = file != null;
        if (file == null && env.get("AZT3KNET_CONFIG") != null) {
            file = Path.of(env.get("AZT3KNET_CONFIG"));
            explicit = true;
        }
        if (file == null) file = base(env, "XDG_CONFIG_HOME", ".config").resolve("azt3knet/config.properties");
        if (Files.isRegularFile(file)) {
            readConfigFile(file, fromFile, problems);
        } else if (explicit) {
            problems.add("config file " + file + " does not exist; create it (see docs/configuration.md) or drop --config/AZT3KNET_CONFIG");
        }

        Map<String, String> fromDotenv = Map.of();
        String named = env.get("AZT3KNET_ENV_FILE");
        Path dotenv = named != null ? Path.of(named) : workingDir.resolve(".env");
        if (Files.exists(dotenv) || named != null) { // a file named on purpose must be there
            try {
                fromDotenv = DotEnv.parse(dotenv.toString(), TextFiles.readUtf8(dotenv).lines().toList(), problems);
            } catch (TextFiles.UnreadableException e) {
                problems.add((named != null ? "AZT3KNET_ENV_FILE: " : "") + dotenv + " " + e.getMessage()
                        + (named != null ? "; create it, or unset AZT3KNET_ENV_FILE to read ./.env" : "; fix or remove it"));
            }
        }
        Map<String, String> fromFlags = new HashMap<>();
        integrationFlags.forEach((k, v) -> {
            if (v != null) fromFlags.put(k, v);
        });
        flags.forEach((s, v) -> {
            if (v != null) fromFlags.put(s.variable(), v);
        });
        Map<Origin, Map<String, String>> layers = new EnumMap<>(Origin.class);
        layers.put(Origin.FLAG, fromFlags);
        layers.put(Origin.ENVIRONMENT, env);
        layers.put(Origin.DOTENV, fromDotenv);
        layers.put(Origin.CONFIG_FILE, fromFile);
        return new AppConfig(layers, env, problems);
    }

    private static void readConfigFile(Path file, Map<String, String> values, List<String> problems) {
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(TextFiles.readUtf8(file)));
        } catch (TextFiles.UnreadableException e) {
            problems.add("config file " + file + " " + e.getMessage());
            return;
        } catch (IOException | IllegalArgumentException e) {
            problems.add("cannot read config file " + file + ": " + e.getMessage());
            return;
        }
        for (String name : p.stringPropertyNames()) {
            Optional<String> variable = variableOf(name);
            if (variable.isEmpty()) {
                problems.add("config file " + file + ": unknown key '" + name + "'; known keys are listed in docs/configuration.md");
            } else {
                values.put(variable.get(), p.getProperty(name).strip());
            }
        }
    }

    /** The variable a config-file name stands for: a setting's key, variable or alias, or a feature flag. */
    private static Optional<String> variableOf(String name) {
        for (Setting s : Setting.values()) {
            if (s.key().equals(name) || s.variable().equals(name) || s.aliases().contains(name)) return Optional.of(s.variable());
        }
        for (IntegrationFactory f : Integrations.discovered()) {
            for (IntegrationSetting s : f.settings()) {
                if (s.key().equals(name) || s.variable().equals(name) || s.aliases().contains(name)) return Optional.of(s.variable());
            }
        }
        List<String> names = new ArrayList<>();
        for (IntegrationKind k : IntegrationKind.values()) names.addAll(Integrations.names(k));
        for (String n : names) {
            if (name.equals(Integrations.flagKey(n)) || name.equals(Integrations.flagVariable(n))) return Optional.of(Integrations.flagVariable(n));
        }
        return Optional.empty();
    }

    private static final List<Origin> HIGHEST_FIRST = List.of(Origin.FLAG, Origin.ENVIRONMENT, Origin.DOTENV, Origin.CONFIG_FILE);

    private Optional<Value> lookup(String variable, List<String> aliases) {
        for (Origin origin : HIGHEST_FIRST) {
            Map<String, String> m = layers.get(origin);
            String v = m.get(variable);
            for (int i = 0; (v == null || v.isBlank()) && i < aliases.size(); i++) v = m.get(aliases.get(i));
            if (v == null) continue;
            if (origin == Origin.FLAG || origin == Origin.CONFIG_FILE || !v.isBlank()) {
                return Optional.of(new Value(origin == Origin.FLAG ? v : v.strip(), origin));
            }
        }
        return Optional.empty();
    }

    private static Path base(Map<String, String> env, String xdg, String fallback) {
        String v = env.get(xdg);
        if (v != null && !v.isBlank()) return Path.of(v);
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, fallback.split("/"));
    }

    /** A non-secret value, if set at any layer. */
    public Optional<String> value(Setting s) {
        if (s.secret()) throw new IllegalArgumentException(s.variable() + " is a secret: use secret()");
        return lookup(s.variable(), s.aliases()).map(Value::text);
    }

    /** Where the value of {@code s} came from. */
    public Origin origin(Setting s) {
        return lookup(s.variable(), s.aliases()).map(Value::origin).orElse(Origin.DEFAULT);
    }

    /** The value as the layers give it, for the environment secret store. */
    Optional<String> layered(Setting s) {
        return lookup(s.variable(), s.aliases()).map(Value::text);
    }

    /** Any variable as the layers give it, non-blank and stripped: how integrations read their settings. */
    Optional<String> variable(String name, List<String> aliases) {
        return lookup(name, aliases).map(v -> v.text().strip()).filter(v -> !v.isEmpty());
    }

    /** True when {@code variable} was given as a flag (a flag's secret is used as given, not looked up). */
    boolean fromFlag(String variable) {
        return layers.get(Origin.FLAG).containsKey(variable);
    }

    /** The registry of integrations over this configuration. */
    public synchronized Integrations integrations() {
        if (integrations == null) integrations = new Integrations(this);
        return integrations;
    }

    /** The secret store chosen by {@code AZT3KNET_SECRETS}. */
    public synchronized SecretStore secretStore() {
        if (secrets == null) secrets = integrations().secretStore();
        return secrets;
    }

    /** A secret: from the secret store. */
    public Optional<Secret> secret(Setting s) {
        if (!s.secret()) throw new IllegalArgumentException(s.variable() + " is not a secret");
        return secretStore().secret(s.variable());
    }

    /** The shortest path secret the Mailjet inbound webhook accepts: a guessable one would open it to anyone. */
    public static final int MIN_INBOUND_SECRET = 24;

    /**
     * The Mailjet inbound webhook's path secret; empty when the webhook is off.
     *
     * @throws ConfigurationException when it is set but shorter than {@link #MIN_INBOUND_SECRET} (never showing it)
     */
    public Optional<Secret> mailjetInboundSecret() {
        Optional<Secret> s = secret(Setting.MAILJET_INBOUND_SECRET);
        if (s.isPresent() && s.get().reveal().length() < MIN_INBOUND_SECRET) {
            throw new ConfigurationException(List.of(Setting.MAILJET_INBOUND_SECRET.variable() + " is shorter than "
                    + MIN_INBOUND_SECRET + " characters; set a random one of at least " + MIN_INBOUND_SECRET
                    + " (e.g. openssl rand -hex 16), or unset it to turn the Mailjet inbound webhook off"));
        }
        return s;
    }

    /** Where {@code serve} listens: host and port. */
    public java.net.InetSocketAddress httpListen() {
        String v = value(Setting.HTTP_LISTEN).orElse("127.0.0.1:8080").strip();
        return listenAddress(v, Setting.HTTP_LISTEN.variable());
    }

    /** {@code host:port}, {@code [v6]:port} or {@code :port} (all interfaces); the error names {@code what}. */
    public static java.net.InetSocketAddress listenAddress(String v, String what) {
        int colon = v.lastIndexOf(':');
        String host = colon < 0 ? v : v.substring(0, colon);
        String port = colon < 0 ? "" : v.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new ConfigurationException(List.of(what + "='" + v + "' must be host:port, e.g. 127.0.0.1:8080 (port 0 picks a free one)"));
        }
        return java.net.InetSocketAddress.createUnresolved(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(port));
    }

    /**
     * The SMTP gateway's listen address, certificate and limits; empty when {@code AZT3KNET_SMTP} is unset.
     *
     * @throws ConfigurationException naming each variable that is wrong
     */
    public Optional<net.azt3knet.adapters.smtp.SmtpServerSettings> smtpGateway() {
        return SmtpGatewayConfig.read(this);
    }

    /** The gateway's host name: {@code AZT3KNET_SMTP_HOSTNAME}, else this host's; a relay-only process's DSNs come from it. */
    public String smtpHostName() {
        return SmtpGatewayConfig.hostName(this);
    }

    /**
     * How the SMTP relay works through the spool; empty when {@code AZT3KNET_SMTP_RELAY=off}.
     *
     * @throws ConfigurationException naming each variable that is wrong
     */
    public Optional<net.azt3knet.adapters.smtp.RelaySettings> smtpRelay() {
        return SmtpGatewayConfig.relay(this);
    }

    /**
     * How much unsent mail the gateway's spool may hold before new mail is refused with 451 4.3.0.
     *
     * @throws ConfigurationException naming each variable that is wrong
     */
    public net.azt3knet.adapters.smtp.SpoolBudget smtpSpoolBudget() {
        return SmtpGatewayConfig.budget(this);
    }

    /** The largest request body in bytes. */
    public long httpMaxBody() {
        return number(Setting.HTTP_MAX_BODY, 1024) * 1024;
    }

    /** Origins allowed by CORS; empty: CORS off. */
    public List<String> httpCorsOrigins() {
        return value(Setting.HTTP_CORS_ORIGINS).map(v -> java.util.Arrays.stream(v.split(",")).map(String::strip)
                .filter(x -> !x.isEmpty()).toList()).orElse(List.of());
    }

    public int httpWriteRate() {
        return (int) number(Setting.HTTP_WRITE_RATE, 600);
    }

    /** The shortest period of the scheduled address update: deSEC allows 2 address updates per 2 minutes. */
    public static final Duration MIN_DYN_UPDATE_EVERY = Duration.ofMinutes(1);

    /**
     * An interval as operators write it: {@code 90s}, {@code 5m}, {@code 1h}, {@code 7d}, or plain seconds.
     *
     * @throws IllegalArgumentException when {@code text} is none
     */
    public static Duration interval(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*([smhd]?)").matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not an interval; e.g. 90s, 5m, 1h or 7d");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    Duration interval(Setting s, Duration fallback, Duration min) {
        Optional<String> v = value(s);
        if (v.isEmpty()) return fallback;
        Duration d;
        try {
            d = interval(v.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(List.of(s.variable() + ": " + e.getMessage()));
        }
        if (d.compareTo(min) < 0) {
            throw new ConfigurationException(List.of(s.variable() + "='" + v.get() + "' is shorter than " + min.toMinutes() + "m; use "
                    + min.toMinutes() + "m or more"));
        }
        return d;
    }

    /** How often {@code serve} updates the mail host's address records; empty: never (the default). */
    public Optional<Duration> dynUpdateEvery() {
        if (value(Setting.DYN_UPDATE_EVERY).filter(v -> !v.strip().equalsIgnoreCase("off")).isEmpty()) return Optional.empty();
        return Optional.of(interval(Setting.DYN_UPDATE_EVERY, null, MIN_DYN_UPDATE_EVERY));
    }

    /** The mail domain of the scheduled address update. */
    public String dynUpdateDomain() {
        String d = value(Setting.DYN_UPDATE_DOMAIN).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("");
        if (!d.matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}")) {
            throw new ConfigurationException(List.of(Setting.DYN_UPDATE_DOMAIN.variable() + (d.isEmpty()
                    ? " is not set; " + Setting.DYN_UPDATE_EVERY.variable() + " updates its mail host: name the mail domain, e.g. agents.example.org"
                    : "='" + d + "' is not a domain name, e.g. agents.example.org")));
        }
        return d;
    }

    /** How long {@code serve} keeps API jobs after they end. */
    public Duration jobRetention() {
        return interval(Setting.JOB_RETENTION, Duration.ofDays(7), Duration.ofMinutes(1));
    }

    /** The reverse proxies trusted to name the client in forwarded headers; empty: none. */
    public List<Cidr> httpTrustedProxies() {
        return value(Setting.HTTP_TRUSTED_PROXIES).map(v -> java.util.Arrays.stream(v.split(",")).map(String::strip)
                .filter(x -> !x.isEmpty()).map(x -> {
                    try {
                        return Cidr.parse(x);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigurationException(List.of(Setting.HTTP_TRUSTED_PROXIES.variable() + ": " + e.getMessage()));
                    }
                }).toList()).orElse(List.of());
    }

    /** The operator's choices for the mail records. */
    public MailDnsPolicy mailDnsPolicy() {
        return new MailDnsPolicy(value(Setting.DNS_MAIL_HOST).orElse(null),
                HostAddresses.of(value(Setting.DNS_MAIL_HOST_IPV4).orElse(null), value(Setting.DNS_MAIL_HOST_IPV6).orElse(null)),
                value(Setting.DNS_DMARC_POLICY).orElse("quarantine"), value(Setting.DNS_DMARC_RUA),
                value(Setting.DNS_SPF_EXTRA).map(v -> List.of(v.strip().split("[\\s,]+"))).orElse(List.of()),
                value(Setting.DNS_SPF_ALL).orElse("~all"), (int) number(Setting.DNS_TTL, 3600));
    }

    /** Where the public address is detected: one URL per family, null where switched off. */
    public URI addressSource(Setting family) {
        String v = value(family).orElse(family == Setting.DNS_ADDRESS_SOURCE_IPV4 ? "https://checkipv4.dedyn.io/" : "https://checkipv6.dedyn.io/");
        return v.equalsIgnoreCase("off") ? null : URI.create(v);
    }

    /**
     * Whether {@code serve} runs the AI responder ({@code AZT3KNET_RESPONDER}).
     *
     * @throws ConfigurationException when it is neither on nor off
     */
    public boolean responderOn() {
        return onOff(Setting.RESPONDER, false);
    }

    /**
     * Checks what a running responder needs, for {@code serve} with {@code AZT3KNET_RESPONDER=on}: the master key (it
     * encrypts the stored mail and derives the agents' IMAP passwords), a usable model server and a model name.
     *
     * @throws ConfigurationException naming each missing piece and how to provide it
     */
    public void checkResponder() {
        try {
            validate(EnumSet.of(Setting.MASTER_KEY), EnumSet.of(IntegrationKind.MODEL_SERVER));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.problems().stream().map(p -> Setting.RESPONDER.variable() + "=on needs it: " + p).toList());
        }
        responderModel();
    }

    /**
     * Checks the master key when {@code MAILJET_INBOUND_SECRET} turns the inbound webhook on, for {@code serve}: the
     * webhook only stores the agents' mail, which is kept encrypted with the key, so without it every delivery would fail.
     *
     * @throws ConfigurationException saying the webhook needs the key and how to create one
     */
    public void checkInboundWebhook() {
        if (mailjetInboundSecret().isEmpty()) return;
        try {
            validate(EnumSet.of(Setting.MASTER_KEY));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.problems().stream().map(p -> Setting.MAILJET_INBOUND_SECRET.variable()
                    + " is set: the inbound webhook stores the agents' mail encrypted and needs it: " + p).toList());
        }
    }

    /** Messages the responder works on at once in this process. */
    public int responderWorkers() {
        return (int) bounded(Setting.RESPONDER_WORKERS, 8, 1, 256);
    }

    /**
     * The model replies are written with: {@code AZT3KNET_RESPONDER_MODEL}, else the enrichment's {@code LLM_MODEL}.
     *
     * @throws ConfigurationException when neither is set
     */
    public String responderModel() {
        return value(Setting.RESPONDER_MODEL).map(String::strip).filter(v -> !v.isEmpty()).or(() -> value(Setting.LLM_MODEL))
                .orElseThrow(() -> new ConfigurationException(List.of(Setting.RESPONDER_MODEL.variable() + " is not set (nor "
                        + Setting.LLM_MODEL.variable() + "); name the model replies are written with, e.g. "
                        + Setting.RESPONDER_MODEL.variable() + "=llama3.1:8b")));
    }

    /**
     * The directory of the operator's reply templates per population; empty: the built-in ones.
     *
     * @throws ConfigurationException when it is set but not a directory
     */
    public Optional<Path> responderTemplates() {
        Optional<Path> dir = value(Setting.RESPONDER_TEMPLATES).map(String::strip).filter(v -> !v.isEmpty()).map(Path::of);
        if (dir.isPresent() && !Files.isDirectory(dir.get())) {
            throw new ConfigurationException(List.of(Setting.RESPONDER_TEMPLATES.variable() + "='" + dir.get()
                    + "' is not a directory; create it with <population-id>/reply.html and reply.txt, or unset it for the built-in templates"));
        }
        return dir;
    }

    /** Days received mail and replies are kept; 0 keeps them. */
    public int mailRetentionDays() {
        return (int) bounded(Setting.MAIL_RETENTION_DAYS, 0, 0, 36_500);
    }

    /**
     * The policy of a population that has none of its own: {@link ReplyPolicy#DEFAULT} (review mode) with the
     * reference's {@code ALLOWED_SENDERS}, {@code BLOCKED_SENDERS}, {@code MAX_ATTACHMENT_SIZE} and
     * {@code MAX_EMAILS_PER_HOUR} when set.
     *
     * @throws ConfigurationException naming each malformed value
     */
    public ReplyPolicy defaultReplyPolicy() {
        List<String> problems = new ArrayList<>();
        List<String> allowed = senders(Setting.ALLOWED_SENDERS, problems);
        List<String> blocked = senders(Setting.BLOCKED_SENDERS, problems);
        long attachment = ReplyPolicy.DEFAULT.maxAttachmentBytes();
        Optional<String> size = value(Setting.MAX_ATTACHMENT_SIZE);
        if (size.isPresent()) {
            try {
                attachment = size(size.get());
            } catch (IllegalArgumentException e) {
                problems.add(Setting.MAX_ATTACHMENT_SIZE.variable() + ": " + e.getMessage());
            }
        }
        int perHour = ReplyPolicy.DEFAULT.perHour();
        try {
            perHour = (int) bounded(Setting.MAX_EMAILS_PER_HOUR, perHour, 0, 1_000_000);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) throw new ConfigurationException(problems);
        ReplyPolicy d = ReplyPolicy.DEFAULT;
        return new ReplyPolicy(d.mode(), allowed, blocked, d.agentToAgent(), d.threadCap(), attachment, d.senderPerHour(),
                perHour, d.oncePer(), d.dailyTokens(), d.spamThreshold());
    }

    private static final java.util.regex.Pattern SENDER = java.util.regex.Pattern.compile(
            "\\*|[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+|@[^@\\s,]+\\.[^@\\s,]+");

    /**
     * Sender patterns as the policy takes them, from a comma-separated list: lower case, each an address, an
     * {@code @domain} or {@code *}.
     *
     * @throws IllegalArgumentException naming the first pattern that is none
     */
    public static List<String> senderPatterns(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) continue;
            if (!SENDER.matcher(p).matches()) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a sender pattern; use an address (a@b.example),"
                        + " a domain (@b.example, its subdomains too) or *");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    private List<String> senders(Setting s, List<String> problems) {
        try {
            return value(s).map(AppConfig::senderPatterns).orElse(List.of());
        } catch (IllegalArgumentException e) {
            problems.add(s.variable() + ": " + e.getMessage());
            return List.of();
        }
    }

    /**
     * A size as operators write it: {@code 10MB}, {@code 512KB}, {@code 1GB} (binary multiples, as mail clients
     * show sizes) or plain bytes.
     *
     * @throws IllegalArgumentException when {@code text} is none
     */
    public static long size(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,12})\\s*(b|kb|k|mb|m|gb|g)?")
                .matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a size; e.g. 10MB, 512KB or 1048576 (bytes)");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        return switch (unit.charAt(0)) {
            case 'k' -> n * 1024;
            case 'm' -> n * 1024 * 1024;
            case 'g' -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    private boolean onOff(Setting s, boolean fallback) {
        Optional<String> v = value(s).map(x -> x.strip().toLowerCase(Locale.ROOT));
        if (v.isEmpty()) return fallback;
        return switch (v.get()) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new ConfigurationException(List.of(s.variable() + "='" + value(s).orElse("") + "' must be on or off"));
        };
    }

    private long bounded(Setting s, long fallback, long min, long max) {
        Optional<String> v = value(s);
        if (v.isEmpty()) return fallback;
        try {
            long n = Long.parseLong(v.get().strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(List.of(s.variable() + "='" + v.get() + "' must be a whole number from " + min + " to " + max));
    }

    /** The model for enrichment. */
    public String llmModel() {
        return value(Setting.LLM_MODEL).orElseThrow(() -> new ConfigurationException(List.of(
                "LLM_MODEL is not set; --enrich needs --llm-model or LLM_MODEL (e.g. llama3.1:8b)")));
    }

    /** Most model requests in flight. */
    public int llmConcurrency() {
        return (int) number(Setting.LLM_CONCURRENCY, 8);
    }

    private long number(Setting s, long fallback) {
        return value(s).map(v -> Long.parseLong(v.strip())).orElse(fallback);
    }

    /** The data directory; the embedded cluster lives in its {@code pg} subdirectory. */
    public Path dataDir() {
        return value(Setting.DATA_DIR).map(Path::of).orElse(base(env, "XDG_DATA_HOME", ".local/share").resolve("azt3knet"));
    }

    /** The log file: one per data directory, so two installations never share (or read) each other's log. */
    public Path logFile() {
        return value(Setting.LOG_FILE).map(Path::of).orElse(dataDir().resolve("azt3knet.log"));
    }

    /** Where the database is. */
    public DatabaseSettings database() {
        Optional<String> url = value(Setting.DB_URL);
        if (url.isEmpty()) {
            Path cache = value(Setting.CACHE_DIR).map(Path::of).orElse(base(env, "XDG_CACHE_HOME", ".cache").resolve("azt3knet"));
            return DatabaseSettings.embedded(dataDir().resolve("pg"), cache);
        }
        boolean migrate = !"false".equalsIgnoreCase(value(Setting.DB_MIGRATE).orElse("true"));
        return DatabaseSettings.external(url.get(), value(Setting.DB_USER).orElse(null), secret(Setting.DB_PASSWORD).orElse(null), migrate);
    }

    /**
     * The master key.
     *
     * @throws ConfigurationException saying how to create and set one when it is missing or malformed
     */
    public MasterKey masterKey() {
        Optional<Secret> s = secret(Setting.MASTER_KEY);
        if (s.isEmpty()) {
            throw new ConfigurationException(List.of(MasterKey.VARIABLE + " is not set (looked in " + secretStore().describe()
                    + "); " + MasterKey.HOW_TO_CREATE));
        }
        try {
            return MasterKey.parse(MasterKey.VARIABLE, s.get().reveal());
        } catch (InvalidMasterKeyException e) {
            throw new ConfigurationException(List.of(e.getMessage()));
        }
    }

    /**
     * Checks every value that is set, and that each of {@code required} is set; throws one exception listing every
     * problem found.
     */
    public void validate(Set<Setting> required) {
        validate(required, Set.of());
    }

    /**
     * As {@link #validate(Set)}, and each of {@code kinds} must have an integration that can be built: the enabled
     * one, else the first of the kind, whose missing settings are then reported.
     */
    public void validate(Set<Setting> required, Set<IntegrationKind> kinds) {
        List<String> problems = new ArrayList<>(loadProblems);
        value(Setting.DB_MIGRATE).ifPresent(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                problems.add(Setting.DB_MIGRATE.variable() + "='" + v + "' must be true or false");
            }
        });
        value(Setting.DB_URL).ifPresent(v -> {
            try {
                DatabaseSettings.external(v, null, null, true);
            } catch (IllegalArgumentException e) {
                problems.add(Setting.DB_URL.variable() + " (or DATABASE_URL): " + e.getMessage());
            }
        });
        Path data = dataDir();
        if (java.nio.file.Files.exists(data) && !java.nio.file.Files.isDirectory(data)) {
            problems.add(Setting.DATA_DIR.variable() + " (--data-dir) '" + data + "' is a file, not a directory;"
                    + " choose a directory (it is created when missing)");
        }
        checkNumber(Setting.DNS_TTL, 60, 86_400, problems);
        checkNumber(Setting.HTTP_MAX_BODY, 1, 1_048_576, problems);
        checkNumber(Setting.HTTP_WRITE_RATE, 1, 1_000_000, problems);
        try {
            httpTrustedProxies();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        try {
            jobRetention();
            if (dynUpdateEvery().isPresent()) dynUpdateDomain();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        value(Setting.HTTP_LISTEN).ifPresent(v -> {
            try {
                listenAddress(v.strip(), Setting.HTTP_LISTEN.variable());
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
        });
        try {
            smtpGateway();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        try {
            smtpRelay();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        try {
            smtpSpoolBudget();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        for (Runnable responder : List.<Runnable>of(this::responderOn, this::responderWorkers, this::responderTemplates,
                this::mailRetentionDays, this::defaultReplyPolicy)) {
            try {
                responder.run();
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        value(Setting.DNS_DMARC_POLICY).filter(v -> !v.strip().matches("(?i)none|quarantine|reject")).ifPresent(v ->
                problems.add(Setting.DNS_DMARC_POLICY.variable() + "='" + v + "' must be none, quarantine or reject"));
        value(Setting.DNS_SPF_ALL).filter(v -> !v.strip().matches("[~-]all")).ifPresent(v ->
                problems.add(Setting.DNS_SPF_ALL.variable() + "='" + v + "' must be ~all or -all"));
        value(Setting.DNS_DMARC_RUA).filter(v -> !v.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")).ifPresent(v ->
                problems.add(Setting.DNS_DMARC_RUA.variable() + "='" + v + "' must be an address, e.g. dmarc@example.org"));
        value(Setting.DNS_MAIL_HOST).filter(v -> !v.strip().matches("(?i)([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}\\.?")).ifPresent(v ->
                problems.add(Setting.DNS_MAIL_HOST.variable() + "='" + v + "' must be a host name, e.g. mail.agents.example.org"));
        for (Setting s : List.of(Setting.DNS_MAIL_HOST_IPV4, Setting.DNS_MAIL_HOST_IPV6)) {
            value(s).ifPresent(v -> {
                try {
                    if (s == Setting.DNS_MAIL_HOST_IPV4) Rdata.ipv4(v); else Rdata.ipv6(v);
                } catch (IllegalArgumentException e) {
                    problems.add(s.variable() + ": " + e.getMessage());
                }
            });
        }
        for (Setting s : List.of(Setting.DNS_ADDRESS_SOURCE_IPV4, Setting.DNS_ADDRESS_SOURCE_IPV6)) {
            if (!value(s).map(v -> v.equalsIgnoreCase("off")).orElse(false)) checkUrl(s, "https://checkipv4.dedyn.io/ (or off)", problems);
        }
        problems.addAll(integrations().problems());
        Set<Setting> needed = required.isEmpty() ? EnumSet.noneOf(Setting.class) : EnumSet.copyOf(required);
        if (problems.isEmpty() && needed.contains(Setting.MASTER_KEY)) {
            try {
                masterKey();
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException e) {
                problems.add("cannot read " + MasterKey.VARIABLE + " from " + describeSecrets() + ": " + e.getMessage());
            }
        }
        for (Setting s : needed) {
            if (s != Setting.MASTER_KEY && !s.secret() && value(s).isEmpty()) {
                problems.add(s.variable() + " is not set; " + s.description());
            }
        }
        for (IntegrationKind kind : kinds) {
            if (!problems.isEmpty()) break; // a malformed value is reported once, by the check above
            Optional<IntegrationFactory> f = integrations().preferred(kind);
            if (f.isEmpty()) problems.add("no " + kind.label() + " is on the class path");
            else problems.addAll(integrations().unusable(f.get()));
        }
        if (!problems.isEmpty()) throw new ConfigurationException(problems);
    }

    private void checkNumber(Setting s, long min, long max, List<String> problems) {
        value(s).ifPresent(v -> {
            try {
                long n = Long.parseLong(v.strip());
                if (n >= min && n <= max) return;
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(s.variable() + "='" + v + "' must be a whole number from " + min + " to " + max);
        });
    }

    private void checkUrl(Setting s, String example, List<String> problems) {
        value(s).filter(v -> !v.matches("https?://[^/\\s]+\\S*")).ifPresent(v ->
                problems.add(s.variable() + "='" + v + "' must be an http:// or https:// URL, e.g. " + example));
    }

    String describeSecrets() {
        try {
            return secretStore().describe();
        } catch (RuntimeException e) {
            return "the secret store";
        }
    }
}

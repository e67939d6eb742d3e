package net.azt3knet.app.wiring;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.adapters.vault.VaultSecretStore;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.adapters.llm.LlmSettings;
import net.azt3knet.adapters.cakemail.CakemailSettings;
import net.azt3knet.adapters.mailcow.MailcowSettings;
import net.azt3knet.adapters.mailjet.MailjetSettings;
import net.azt3knet.adapters.vault.VaultSettings;
import net.azt3knet.adapters.desec.DesecSettings;
import net.azt3knet.domain.dns.HostAddresses;
import net.azt3knet.domain.dns.MailDnsPolicy;
import net.azt3knet.domain.dns.Rdata;
import net.azt3knet.domain.credential.InvalidMasterKeyException;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.secret.SecretStore;

/**
 * The layered configuration: defaults &lt; config file &lt; {@code .env} &lt; environment &lt; command-line flags.
 * Secrets come from the chosen {@link SecretStore}; the typed settings of each adapter are built here, and
 * {@link #validate} reports every missing or malformed value at once.
 */
public final class AppConfig {

    /** Where a value came from, for {@code config} output and error messages. */
    public enum Origin { DEFAULT, CONFIG_FILE, DOTENV, ENVIRONMENT, FLAG }

    private record Value(String text, Origin origin) {
    }

    private final Map<Setting, Value> values;
    private final Map<String, String> env;
    private final List<String> loadProblems;
    private SecretStore secrets;

    private AppConfig(Map<Setting, Value> values, Map<String, String> env, List<String> loadProblems) {
        this.values = values;
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
        List<String> problems = new ArrayList<>();
        Map<Setting, Value> values = new EnumMap<>(Setting.class);

        Path file = configFile;
        boolean explicit = file != null;
        if (file == null && env.get("AZT3KNET_CONFIG") != null) {
            file = Path.of(env.get("AZT3KNET_CONFIG"));
            explicit = true;
        }
        if (file == null) file = base(env, "XDG_CONFIG_HOME", ".config").resolve("azt3knet/config.properties");
        if (Files.isRegularFile(file)) {
            readConfigFile(file, values, problems);
        } else if (explicit) {
            problems.add("config file " + file + " does not exist; create it (see docs/configuration.md) or drop --config/AZT3KNET_CONFIG");
        }

        String named = env.get("AZT3KNET_ENV_FILE");
        Path dotenv = named != null ? Path.of(named) : workingDir.resolve(".env");
        if (Files.exists(dotenv) || named != null) { // a file named on purpose must be there
            try {
                Map<String, String> parsed = DotEnv.parse(dotenv.toString(), TextFiles.readUtf8(dotenv).lines().toList(), problems);
                layer(parsed, values, Origin.DOTENV);
            } catch (TextFiles.UnreadableException e) {
                problems.add((named != null ? "AZT3KNET_ENV_FILE: " : "") + dotenv + " " + e.getMessage()
                        + (named != null ? "; create it, or unset AZT3KNET_ENV_FILE to read ./.env" : "; fix or remove it"));
            }
        }
        layer(env, values, Origin.ENVIRONMENT);
        flags.forEach((s, v) -> {
            if (v != null) values.put(s, new Value(v, Origin.FLAG));
        });
        return new AppConfig(values, env, problems);
    }

    private static void readConfigFile(Path file, Map<Setting, Value> values, List<String> problems) {
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
            Optional<Setting> s = bySomeName(name);
            if (s.isEmpty()) {
                problems.add("config file " + file + ": unknown key '" + name + "'; known keys are listed in docs/configuration.md");
            } else {
                values.put(s.get(), new Value(p.getProperty(name).strip(), Origin.CONFIG_FILE));
            }
        }
    }

    private static Optional<Setting> bySomeName(String name) {
        for (Setting s : Setting.values()) {
            if (s.key().equals(name) || s.variable().equals(name) || s.aliases().contains(name)) return Optional.of(s);
        }
        return Optional.empty();
    }

    private static void layer(Map<String, String> source, Map<Setting, Value> values, Origin origin) {
        for (Setting s : Setting.values()) {
            String v = source.get(s.variable());
            for (int i = 0; v == null && i < s.aliases().size(); i++) v = source.get(s.aliases().get(i));
            if (v != null && !v.isBlank()) values.put(s, new Value(v.strip(), origin));
        }
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
        Value v = values.get(s);
        return v == null ? Optional.empty() : Optional.of(v.text());
    }

    /** Where the value of {@code s} came from. */
    public Origin origin(Setting s) {
        Value v = values.get(s);
        return v == null ? Origin.DEFAULT : v.origin();
    }

    /** The value as the layers give it, for the environment secret store. */
    Optional<String> layered(Setting s) {
        Value v = values.get(s);
        return v == null ? Optional.empty() : Optional.of(v.text());
    }

    /** The secret store chosen by {@code AZT3KNET_SECRETS}. */
    public synchronized SecretStore secretStore() {
        if (secrets == null) {
            String kind = value(Setting.SECRETS).orElse("env").toLowerCase(Locale.ROOT);
            secrets = switch (kind) {
                case "file" -> new FileSecretStore(Path.of(value(Setting.SECRETS_DIR).orElse("/run/secrets")));
                case "vault" -> new VaultSecretStore(vaultSettings());
                default -> new EnvironmentSecretStore(this);
            };
        }
        return secrets;
    }

    /** A secret: from the secret store, or, for the store's own token, from the layers. */
    public Optional<Secret> secret(Setting s) {
        if (!s.secret()) throw new IllegalArgumentException(s.variable() + " is not a secret");
        if (s == Setting.VAULT_TOKEN) return layered(s).map(Secret::of);
        return secretStore().secret(s.variable());
    }

    VaultSettings vaultSettings() {
        return new VaultSettings(URI.create(value(Setting.VAULT_ADDR).orElse("http://127.0.0.1:8200")),
                secret(Setting.VAULT_TOKEN).orElseThrow(() -> new ConfigurationException(List.of(
                        "VAULT_TOKEN is not set; AZT3KNET_SECRETS=vault needs a Vault token"))),
                value(Setting.VAULT_MOUNT).orElse("secret"), value(Setting.VAULT_PATH).orElse("azt3knet"),
                value(Setting.VAULT_NAMESPACE).orElse(null), Duration.ofSeconds(10));
    }

    /** The model server for enrichment; {@link #validate} with {@link Setting#LLM_BASE_URL} required checks it first. */
    public LlmSettings llm() {
        String url = value(Setting.LLM_BASE_URL).orElseThrow(() -> new ConfigurationException(List.of(
                "LLM_BASE_URL is not set; --enrich needs --llm-url or LLM_BASE_URL (or --offline to replay the cache only)")));
        Secret key = origin(Setting.LLM_API_KEY) == Origin.FLAG ? layered(Setting.LLM_API_KEY).map(Secret::of).orElse(null)
                : secret(Setting.LLM_API_KEY).orElse(null);
        return new LlmSettings(URI.create(url), key, Duration.ofSeconds(number(Setting.LLM_TIMEOUT, 60)),
                (int) number(Setting.LLM_CONCURRENCY, 8), (int) number(Setting.LLM_MAX_RETRIES, 4), Duration.ofSeconds(30));
    }

    /** True when {@code LLM_API} names Ollama's native API. */
    /** Timeout, rate and retries for a provider whose rate setting is {@code rate} (default {@code defaultRate}/s). */
    public ProviderLimits providerLimits(Setting rate, int defaultRate) {
        return new ProviderLimits(Duration.ofSeconds(number(Setting.PROVIDER_TIMEOUT, 30)), number(rate, defaultRate),
                (int) number(Setting.PROVIDER_MAX_RETRIES, 5), Duration.ofSeconds(60));
    }

    /** True when Mailcow's URL and key are both configured. */
    public boolean mailcowConfigured() {
        return value(Setting.MAILCOW_BASE_URL).isPresent() && secret(Setting.MAILCOW_API_KEY).isPresent();
    }

    public MailcowSettings mailcow() {
        List<String> missing = new ArrayList<>();
        if (value(Setting.MAILCOW_BASE_URL).isEmpty()) missing.add("MAILCOW_BASE_URL is not set; " + Setting.MAILCOW_BASE_URL.description());
        Optional<Secret> key = secret(Setting.MAILCOW_API_KEY);
        if (key.isEmpty()) missing.add("MAILCOW_API_KEY is not set (looked in " + describeSecrets() + "); " + Setting.MAILCOW_API_KEY.description());
        if (!missing.isEmpty()) throw new ConfigurationException(missing);
        return new MailcowSettings(URI.create(value(Setting.MAILCOW_BASE_URL).get()), key.get(),
                (int) number(Setting.MAILCOW_QUOTA_MIB, 1024), (int) number(Setting.MAILCOW_MAX_MAILBOXES, 100_000),
                value(Setting.MAILCOW_APP_PASSWORDS).map(v -> v.strip().equalsIgnoreCase("true")).orElse(false),
                providerLimits(Setting.MAILCOW_RATE_LIMIT, 20));
    }

    /** True when Mailjet's key pair is configured. */
    public boolean mailjetConfigured() {
        return value(Setting.MAILJET_API_KEY).isPresent() && secret(Setting.MAILJET_SECRET_KEY).isPresent();
    }

    public MailjetSettings mailjet() {
        List<String> missing = new ArrayList<>();
        if (value(Setting.MAILJET_API_KEY).isEmpty()) missing.add("MAILJET_API_KEY is not set; " + Setting.MAILJET_API_KEY.description());
        Optional<Secret> secret = secret(Setting.MAILJET_SECRET_KEY);
        if (secret.isEmpty()) missing.add("MAILJET_SECRET_KEY is not set (looked in " + describeSecrets() + ")");
        if (!missing.isEmpty()) throw new ConfigurationException(missing);
        return new MailjetSettings(URI.create(value(Setting.MAILJET_BASE_URL).orElse("https://api.mailjet.com")),
                value(Setting.MAILJET_API_KEY).get(), secret.get(), value(Setting.MAILJET_INBOUND_URL).map(URI::create).orElse(null),
                providerLimits(Setting.MAILJET_RATE_LIMIT, 10));
    }

    /** True when Cakemail's login is configured. */
    public boolean cakemailConfigured() {
        return value(Setting.CAKEMAIL_USERNAME).isPresent() && secret(Setting.CAKEMAIL_PASSWORD).isPresent();
    }

    public CakemailSettings cakemail() {
        List<String> missing = new ArrayList<>();
        if (value(Setting.CAKEMAIL_USERNAME).isEmpty()) missing.add("CAKEMAIL_USERNAME is not set; " + Setting.CAKEMAIL_USERNAME.description());
        Optional<Secret> password = secret(Setting.CAKEMAIL_PASSWORD);
        if (password.isEmpty()) missing.add("CAKEMAIL_PASSWORD is not set (looked in " + describeSecrets() + ")");
        if (!missing.isEmpty()) throw new ConfigurationException(missing);
        return new CakemailSettings(URI.create(value(Setting.CAKEMAIL_BASE_URL).orElse("https://api.cakemail.dev")),
                value(Setting.CAKEMAIL_USERNAME).get(), password.get(),
                value(Setting.CAKEMAIL_ACCOUNT_ID).isPresent() ? number(Setting.CAKEMAIL_ACCOUNT_ID, 0) : null,
                providerLimits(Setting.CAKEMAIL_RATE_LIMIT, 10));
    }

    /** The DNS provider's name: {@code DNS_PROVIDER}, else desec when its token is set, else zonefile. */
    public String dnsProvider() {
        return value(Setting.DNS_PROVIDER).map(v -> v.strip().toLowerCase(Locale.ROOT))
                .orElseGet(() -> secret(Setting.DESEC_TOKEN).isPresent() ? "desec" : "zonefile");
    }

    public DesecSettings desec() {
        Secret token = secret(Setting.DESEC_TOKEN).orElseThrow(() -> new ConfigurationException(List.of(
                "DESEC_TOKEN is not set (looked in " + describeSecrets() + "); " + Setting.DESEC_TOKEN.description())));
        // deSEC allows 50 reads a minute: 45 leaves room for a second client
        return new DesecSettings(URI.create(value(Setting.DESEC_BASE_URL).orElse("https://desec.io/api/v1")), token,
                new ProviderLimits(Duration.ofSeconds(number(Setting.PROVIDER_TIMEOUT, 30)), 0.75,
                        (int) number(Setting.PROVIDER_MAX_RETRIES, 5), Duration.ofSeconds(number(Setting.DESEC_MAX_WAIT, 600))));
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

    private Duration interval(Setting s, Duration fallback, Duration min) {
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

    /** The zone-file directory. */
    public Path zoneDir() {
        return value(Setting.DNS_ZONE_DIR).map(Path::of).orElse(dataDir().resolve("dns"));
    }

    /** The zone files' name server, or null for ns1.&lt;domain&gt;. */
    public String zoneNameserver() {
        return value(Setting.DNS_ZONE_NAMESERVER).orElse(null);
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

    public boolean llmIsOllama() {
        return value(Setting.LLM_API).map(v -> v.equalsIgnoreCase("ollama")).orElse(false);
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
        String kind = value(Setting.SECRETS).orElse("env").toLowerCase(Locale.ROOT);
        if (!Set.of("env", "file", "vault").contains(kind)) {
            problems.add(Setting.SECRETS.variable() + "='" + kind + "' must be env, file or vault");
        }
        if (kind.equals("vault")) {
            if (value(Setting.VAULT_ADDR).isEmpty()) problems.add("VAULT_ADDR is not set; AZT3KNET_SECRETS=vault needs Vault's address, e.g. https://vault.internal:8200");
            else if (!value(Setting.VAULT_ADDR).get().matches("https?://.+")) problems.add("VAULT_ADDR must start with http:// or https://");
            if (layered(Setting.VAULT_TOKEN).isEmpty()) problems.add("VAULT_TOKEN is not set; AZT3KNET_SECRETS=vault needs a Vault token");
        }
        if (kind.equals("file")) {
            Path dir = Path.of(value(Setting.SECRETS_DIR).orElse("/run/secrets"));
            if (!Files.isDirectory(dir)) problems.add(Setting.SECRETS_DIR.variable() + ": " + dir + " is not a directory; AZT3KNET_SECRETS=file reads one file per secret from it");
        }
        checkNumber(Setting.MAILCOW_QUOTA_MIB, 1, 10_000_000, problems);
        checkNumber(Setting.MAILCOW_MAX_MAILBOXES, 1, 100_000_000, problems);
        checkNumber(Setting.MAILCOW_RATE_LIMIT, 1, 10_000, problems);
        value(Setting.MAILCOW_APP_PASSWORDS).filter(v -> !v.strip().matches("(?i)true|false")).ifPresent(v ->
                problems.add(Setting.MAILCOW_APP_PASSWORDS.variable() + "='" + v + "' must be true or false"));
        checkNumber(Setting.PROVIDER_TIMEOUT, 1, 3600, problems);
        checkNumber(Setting.PROVIDER_MAX_RETRIES, 0, 20, problems);
        checkUrl(Setting.MAILCOW_BASE_URL, "https://mail.example.org", problems);
        checkUrl(Setting.MAILJET_BASE_URL, "https://api.mailjet.com", problems);
        checkUrl(Setting.CAKEMAIL_BASE_URL, "https://api.cakemail.dev", problems);
        checkUrl(Setting.MAILJET_INBOUND_URL, "https://agents.example.org/inbound/mailjet", problems);
        value(Setting.MAILJET_INBOUND_URL).filter(v -> v.matches("https?://[^/\\s]+/?")).ifPresent(v ->
                problems.add(Setting.MAILJET_INBOUND_URL.variable() + "='" + v + "' needs a path: Mailjet refuses a site root,"
                        + " e.g. https://agents.example.org/inbound/mailjet"));
        checkNumber(Setting.MAILJET_RATE_LIMIT, 1, 10_000, problems);
        checkNumber(Setting.CAKEMAIL_RATE_LIMIT, 1, 10_000, problems);
        checkNumber(Setting.CAKEMAIL_ACCOUNT_ID, 1, Long.MAX_VALUE, problems);
        value(Setting.DNS_PROVIDER).filter(v -> !v.strip().matches("(?i)zonefile|desec")).ifPresent(v ->
                problems.add(Setting.DNS_PROVIDER.variable() + "='" + v + "' must be zonefile or desec"));
        checkUrl(Setting.DESEC_BASE_URL, "https://desec.io/api/v1", problems);
        checkNumber(Setting.DESEC_MAX_WAIT, 1, 86_400, problems);
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
        checkNumber(Setting.LLM_CONCURRENCY, 1, 256, problems);
        checkNumber(Setting.LLM_TIMEOUT, 1, 3600, problems);
        checkNumber(Setting.LLM_MAX_RETRIES, 0, 20, problems);
        value(Setting.LLM_API).ifPresent(v -> {
            if (!v.equalsIgnoreCase("openai") && !v.equalsIgnoreCase("ollama")) {
                problems.add(Setting.LLM_API.variable() + "='" + v + "' must be openai or ollama (--llm-api)");
            }
        });
        checkUrl(Setting.LLM_BASE_URL, "http://127.0.0.1:11434 (--llm-url)", problems);
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

    private String describeSecrets() {
        try {
            return secretStore().describe();
        } catch (RuntimeException e) {
            return "the secret store";
        }
    }
}

package net.azt3knet.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.domain.credential.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir
    Path dir;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString()));
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return env;
    }

    private Path configFile(String text) throws IOException {
        Path file = dir.resolve(".config/azt3knet/config.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void laterLayersWin() throws IOException {
        configFile("data.dir = /from/config\ndatabase.user = config-user\nAZT3KNET_DB_MIGRATE=false\nlog.file=/from/config.log\n");
        Files.writeString(dir.resolve(".env"), "AZT3KNET_DATA_DIR=/from/dotenv\nAZT3KNET_DB_USER=dotenv-user\n");
        AppConfig config = AppConfig.load(env("AZT3KNET_DATA_DIR", "/from/env"), dir, null, Map.of(Setting.DATA_DIR, "/from/flag"));
        assertThat(config.value(Setting.DATA_DIR)).contains("/from/flag");
        assertThat(config.origin(Setting.DATA_DIR)).isEqualTo(AppConfig.Origin.FLAG);
        assertThat(config.value(Setting.DB_USER)).contains("dotenv-user");
        assertThat(config.origin(Setting.DB_USER)).isEqualTo(AppConfig.Origin.DOTENV);
        assertThat(config.value(Setting.DB_MIGRATE)).contains("false");
        assertThat(config.origin(Setting.DB_MIGRATE)).isEqualTo(AppConfig.Origin.CONFIG_FILE);
        assertThat(config.logFile()).isEqualTo(Path.of("/from/config.log"));
        AppConfig withoutFlag = AppConfig.load(env("AZT3KNET_DATA_DIR", "/from/env"), dir, null, Map.of());
        assertThat(withoutFlag.value(Setting.DATA_DIR)).contains("/from/env");
    }

    @Test
    void defaultsFollowTheXdgDirectories() {
        AppConfig plain = AppConfig.load(env(), dir, null, Map.of());
        assertThat(plain.database().embedded()).isTrue();
        assertThat(plain.database().dataDir()).isEqualTo(dir.resolve(".local/share/azt3knet/pg"));
        assertThat(plain.database().binariesCache()).isEqualTo(dir.resolve(".cache/azt3knet"));
        assertThat(plain.logFile()).as("one log per data directory").isEqualTo(dir.resolve(".local/share/azt3knet/azt3knet.log"));
        assertThat(AppConfig.load(env("AZT3KNET_DATA_DIR", "/srv/a"), dir, null, Map.of()).logFile())
                .isEqualTo(Path.of("/srv/a/azt3knet.log"));
        AppConfig xdg = AppConfig.load(env("XDG_DATA_HOME", "/xdg/data", "XDG_CACHE_HOME", "/xdg/cache"), dir, null, Map.of());
        assertThat(xdg.database().dataDir()).isEqualTo(Path.of("/xdg/data/azt3knet/pg"));
        assertThat(xdg.database().binariesCache()).isEqualTo(Path.of("/xdg/cache/azt3knet"));
    }

    @Test
    void databaseUrlIsReadUnderItsSeedNameTooAndKeepsItsPasswordOutOfMessages() {
        DatabaseSettings db = AppConfig.load(env("DATABASE_URL", "postgres://app:s3cr%40t@db.internal:6543/azt3knet?sslmode=require"),
                dir, null, Map.of()).database();
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/azt3knet?sslmode=require");
        assertThat(db.user()).isEqualTo("app");
        assertThat(db.password().reveal()).isEqualTo("s3cr@t");
        assertThat(db.toString()).doesNotContain("s3cr");
        DatabaseSettings preferred = AppConfig.load(env("DATABASE_URL", "postgres://a@x/y", "AZT3KNET_DB_URL",
                "jdbc:postgresql://primary/db", "AZT3KNET_DB_PASSWORD", "pw"), dir, null, Map.of()).database();
        assertThat(preferred.jdbcUrl()).isEqualTo("jdbc:postgresql://primary/db");
        assertThat(preferred.password().reveal()).isEqualTo("pw");
    }

    @Test
    void theSpoolBudgetIsReadInMessagesAndMebibytes() {
        assertThat(AppConfig.load(env(), dir, null, Map.of()).smtpSpoolBudget())
                .isEqualTo(new net.azt3knet.adapters.smtp.SpoolBudget(1_000_000, 10_240L * 1024 * 1024));
        assertThat(AppConfig.load(env("AZT3KNET_SMTP_SPOOL_MAX_MESSAGES", "500", "AZT3KNET_SMTP_SPOOL_MAX_MB", "64"), dir, null, Map.of())
                .smtpSpoolBudget()).isEqualTo(new net.azt3knet.adapters.smtp.SpoolBudget(500, 64L * 1024 * 1024));
        assertThatThrownBy(() -> AppConfig.load(env("AZT3KNET_SMTP_SPOOL_MAX_MESSAGES", "0", "AZT3KNET_SMTP_SPOOL_MAX_MB", "lots"), dir, null,
                Map.of()).smtpSpoolBudget()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AZT3KNET_SMTP_SPOOL_MAX_MESSAGES='0' must be a whole number from 1 to 1000000000")
                .hasMessageContaining("AZT3KNET_SMTP_SPOOL_MAX_MB='lots' must be a whole number from 1 to 100000000");
    }

    @Test
    void theRelayReadsItsMaximumAgeAndLoopsOrIsOff() {
        var relay = AppConfig.load(env("AZT3KNET_SMTP_MAX_AGE", "12h", "AZT3KNET_SMTP_RELAY_WORKERS", "3"), dir, null, Map.of())
                .smtpRelay().orElseThrow();
        assertThat(relay.maxAge()).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(relay.workers()).isEqualTo(3);
        assertThat(AppConfig.load(env(), dir, null, Map.of()).smtpRelay().orElseThrow().workers()).isEqualTo(1);
        assertThat(AppConfig.load(env("AZT3KNET_SMTP_RELAY", "off"), dir, null, Map.of()).smtpRelay()).isEmpty();
        for (String bad : new String[] {"0", "65", "two", "-1"}) {
            assertThatThrownBy(() -> AppConfig.load(env("AZT3KNET_SMTP_RELAY_WORKERS", bad), dir, null, Map.of()).smtpRelay())
                    .as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("AZT3KNET_SMTP_RELAY_WORKERS='" + bad + "' must be a whole number from 1 to 64");
        }
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        configFile("database.colour = blue\n");
        AppConfig config = AppConfig.load(env("AZT3KNET_SECRETS", "vault", "AZT3KNET_DB_MIGRATE", "sometimes",
                "DATABASE_URL", "mysql://db/x"), dir, null, Map.of());
        assertThatThrownBy(() -> config.validate(EnumSet.of(Setting.MASTER_KEY)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(5).anySatisfy(p ->
                        assertThat(p).contains("unknown key 'database.colour'")).anySatisfy(p ->
                        assertThat(p).contains("AZT3KNET_DB_MIGRATE='sometimes' must be true or false")).anySatisfy(p ->
                        assertThat(p).contains("must start with jdbc:postgresql:// or postgres://")).anySatisfy(p ->
                        assertThat(p).startsWith("VAULT_ADDR is not set")).anySatisfy(p ->
                        assertThat(p).startsWith("VAULT_TOKEN is not set")));
    }

    @Test
    void aDataDirectoryThatIsAFileIsBadInputNamingTheSetting() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        AppConfig config = AppConfig.load(env("AZT3KNET_DATA_DIR", file.toString()), dir, null, Map.of());
        assertThatThrownBy(() -> config.validate(EnumSet.noneOf(Setting.class)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "AZT3KNET_DATA_DIR (--data-dir) '" + file + "' is a file, not a directory; choose a directory"
                                + " (it is created when missing)"));
        AppConfig.load(env("AZT3KNET_DATA_DIR", dir.resolve("missing").toString()), dir, null, Map.of())
                .validate(EnumSet.noneOf(Setting.class)); // a missing directory is fine: it is created
    }

    @Test
    void trustedProxiesAreAddressesOrCidrsAndAMalformedOneIsNamed() {
        List<Cidr> proxies = AppConfig.load(env("AZT3KNET_HTTP_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,fd00::/8"), dir, null, Map.of())
                .httpTrustedProxies();
        assertThat(proxies).hasSize(3);
        assertThat(proxies.get(0).contains("127.0.0.1")).isTrue();
        assertThat(proxies.get(0).contains("127.0.0.2")).isFalse();
        assertThat(proxies.get(1).contains("10.200.3.4")).isTrue();
        assertThat(proxies.get(1).contains("11.0.0.1")).isFalse();
        assertThat(proxies.get(2).contains("fd12::1")).isTrue();
        assertThat(proxies.get(2).contains("10.0.0.1")).isFalse();
        assertThat(proxies.get(1).contains("proxy.example.org")).as("never a name lookup").isFalse();
        assertThat(AppConfig.load(env(), dir, null, Map.of()).httpTrustedProxies()).as("default: none").isEmpty();
        for (String bad : List.of("proxy.example.org", "10.0.0.0/33", "10.0.0.0/x")) {
            AppConfig config = AppConfig.load(env("AZT3KNET_HTTP_TRUSTED_PROXIES", bad), dir, null, Map.of());
            assertThatThrownBy(() -> config.validate(EnumSet.noneOf(Setting.class))).hasMessageContaining("AZT3KNET_HTTP_TRUSTED_PROXIES")
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void theScheduledAddressUpdateIsOffByDefaultAndABadIntervalOrAMissingDomainIsNamed() {
        assertThat(AppConfig.load(env(), dir, null, Map.of()).dynUpdateEvery()).isEmpty();
        assertThat(AppConfig.load(env("AZT3KNET_DYN_UPDATE_EVERY", "off"), dir, null, Map.of()).dynUpdateEvery()).isEmpty();
        AppConfig on = AppConfig.load(env("AZT3KNET_DYN_UPDATE_EVERY", "5m", "AZT3KNET_DYN_UPDATE_DOMAIN", "Agents.Example.org"), dir, null,
                Map.of());
        on.validate(EnumSet.noneOf(Setting.class));
        assertThat(on.dynUpdateEvery()).contains(java.time.Duration.ofMinutes(5));
        assertThat(on.dynUpdateDomain()).isEqualTo("agents.example.org");
        Map<List<String>, String> bad = Map.of(
                List.of("AZT3KNET_DYN_UPDATE_EVERY", "soon", "AZT3KNET_DYN_UPDATE_DOMAIN", "a.example.org"),
                "AZT3KNET_DYN_UPDATE_EVERY: 'soon' is not an interval",
                List.of("AZT3KNET_DYN_UPDATE_EVERY", "30s", "AZT3KNET_DYN_UPDATE_DOMAIN", "a.example.org"),
                "AZT3KNET_DYN_UPDATE_EVERY='30s' is shorter than 1m",
                List.of("AZT3KNET_DYN_UPDATE_EVERY", "5m"), "AZT3KNET_DYN_UPDATE_DOMAIN is not set",
                List.of("AZT3KNET_DYN_UPDATE_EVERY", "5m", "AZT3KNET_DYN_UPDATE_DOMAIN", "not a domain"),
                "AZT3KNET_DYN_UPDATE_DOMAIN='not a domain' is not a domain name");
        bad.forEach((pairs, message) -> {
            AppConfig config = AppConfig.load(env(pairs.toArray(String[]::new)), dir, null, Map.of());
            assertThatThrownBy(() -> config.validate(EnumSet.noneOf(Setting.class))).as(pairs.toString()).hasMessageContaining(message);
        });
    }

    @Test
    void trustedLoopbackClientsNeedNoCertificateButOnlyOnALoopbackAddress() {
        AppConfig trusted = AppConfig.load(env("AZT3KNET_SMTP", "127.0.0.1:0", "AZT3KNET_SMTP_TRUST_LOOPBACK", "on"), dir, null, Map.of());
        trusted.validate(EnumSet.noneOf(Setting.class));
        assertThat(trusted.smtpGateway()).hasValueSatisfying(s -> {
            assertThat(s.trustLoopback()).isTrue();
            assertThat(s.tls()).isEmpty();
        });
        Map<List<String>, String> bad = Map.of(
                List.of("AZT3KNET_SMTP", "127.0.0.1:0", "AZT3KNET_SMTP_TRUST_LOOPBACK", "off"), "the SMTP gateway has no certificate for STARTTLS",
                List.of("AZT3KNET_SMTP", "0.0.0.0:2525", "AZT3KNET_SMTP_TRUST_LOOPBACK", "on"),
                "AZT3KNET_SMTP_TRUST_LOOPBACK=on needs the gateway on a loopback address, but AZT3KNET_SMTP='0.0.0.0:2525'",
                List.of("AZT3KNET_SMTP", "127.0.0.1:0", "AZT3KNET_SMTP_TRUST_LOOPBACK", "yes"),
                "AZT3KNET_SMTP_TRUST_LOOPBACK='yes' must be on or off");
        bad.forEach((pairs, message) -> {
            AppConfig config = AppConfig.load(env(pairs.toArray(String[]::new)), dir, null, Map.of());
            assertThatThrownBy(() -> config.validate(EnumSet.noneOf(Setting.class))).as(pairs.toString()).hasMessageContaining(message);
        });
    }

    @Test
    void jobsAreKeptAWeekByDefaultAndTheRetentionIsAnInterval() {
        assertThat(AppConfig.load(env(), dir, null, Map.of()).jobRetention()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(AppConfig.load(env("AZT3KNET_JOB_RETENTION", "12h"), dir, null, Map.of()).jobRetention())
                .isEqualTo(java.time.Duration.ofHours(12));
        AppConfig config = AppConfig.load(env("AZT3KNET_JOB_RETENTION", "forever"), dir, null, Map.of());
        assertThatThrownBy(() -> config.validate(EnumSet.noneOf(Setting.class)))
                .hasMessageContaining("AZT3KNET_JOB_RETENTION: 'forever' is not an interval; e.g. 90s, 5m, 1h or 7d");
    }

    @Test
    void anExplicitConfigFileMustExist() {
        AppConfig config = AppConfig.load(env(), dir, dir.resolve("nope.properties"), Map.of());
        assertThatThrownBy(() -> config.validate(EnumSet.noneOf(Setting.class))).hasMessageContaining("nope.properties does not exist");
    }

    @Test
    void aMissingMasterKeySaysHowToMakeOne() {
        AppConfig config = AppConfig.load(env(), dir, null, Map.of());
        assertThatThrownBy(() -> config.validate(EnumSet.of(Setting.MASTER_KEY)))
                .hasMessageContaining("SECRET_KEY_FOR_KV_ENC is not set").hasMessageContaining("azt3knet keys generate");
        config.validate(EnumSet.noneOf(Setting.class)); // not needed, not asked for
        assertThat(AppConfig.load(env("SECRET_KEY_FOR_KV_ENC", KEY), dir, null, Map.of()).masterKey().encode()).isEqualTo(KEY);
    }

    @Test
    void aShortInboundWebhookSecretIsAConfigurationErrorNamingTheMinimum() {
        AppConfig shortOne = AppConfig.load(env("MAILJET_INBOUND_SECRET", "only-16-chars-ok"), dir, null, Map.of());
        assertThatThrownBy(shortOne::mailjetInboundSecret)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MAILJET_INBOUND_SECRET is shorter than 24 characters")
                .hasMessageContaining("unset it to turn the Mailjet inbound webhook off")
                .hasMessageNotContaining("only-16-chars-ok");
        assertThat(AppConfig.load(env("MAILJET_INBOUND_SECRET", "x".repeat(24)), dir, null, Map.of()).mailjetInboundSecret()).isPresent();
        assertThat(AppConfig.load(env(), dir, null, Map.of()).mailjetInboundSecret()).as("unset: the webhook is off").isEmpty();
    }

    @Test
    void secretsComeFromFilesWhenAskedTo() throws IOException {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("SECRET_KEY_FOR_KV_ENC"), KEY + "\n");
        AppConfig config = AppConfig.load(env("AZT3KNET_SECRETS", "file", "AZT3KNET_SECRETS_DIR", secrets.toString(),
                "SECRET_KEY_FOR_KV_ENC", "ignored-in-favour-of-the-file"), dir, null, Map.of());
        config.validate(EnumSet.of(Setting.MASTER_KEY));
        assertThat(config.masterKey().encode()).isEqualTo(KEY);
        assertThat(config.secretStore().describe()).isEqualTo("secret files in " + secrets);
        ((FileSecretStore) config.secretStore()).put("DESEC_TOKEN", Secret.of("t0k"));
        assertThat(Files.readString(secrets.resolve("DESEC_TOKEN"))).isEqualTo("t0k\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("DESEC_TOKEN"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aSecretFileThatIsALinkKeepsTheLinkAndOwnerOnlyMode(@TempDir Path dir) throws IOException {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        Path real = Files.writeString(Files.createDirectory(dir.resolve("real")).resolve("SECRET_KEY_FOR_KV_ENC"), "old\n");
        Path link = Files.createSymbolicLink(secrets.resolve("SECRET_KEY_FOR_KV_ENC"), real);
        FileSecretStore store = new FileSecretStore(secrets);
        store.put("SECRET_KEY_FOR_KV_ENC", Secret.of("new"));
        assertThat(Files.isSymbolicLink(link)).as("the link is kept").isTrue();
        assertThat(Files.readString(real)).isEqualTo("new\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-------");
        Path dangling = Files.createSymbolicLink(secrets.resolve("DESEC_TOKEN"), dir.resolve("missing"));
        assertThatThrownBy(() -> store.put("DESEC_TOKEN", Secret.of("t")))
                .hasMessageContaining("cannot write secret file " + dangling + ": it is a link to a missing file");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
    }

    @Test
    void dotEnvFollowsTheCommonFormat() {
        List<String> problems = new java.util.ArrayList<>();
        Map<String, String> parsed = DotEnv.parse(".env", List.of("# comment", "", "export A=1", "B = two words # note",
                "C='lit#eral $X'", "D=\"line\\nbreak \\\"q\\\"\"", "bad line", "E='open"), problems);
        assertThat(parsed).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", "lit#eral $X"),
                Map.entry("D", "line\nbreak \"q\""));
        assertThat(problems).containsExactly(".env line 7: expected NAME=value", ".env line 8: unterminated ' quote for E");
    }

    @Test
    void theResponderIsOffByDefaultAndItsPolicyDefaultsComeFromTheReferenceSettings() {
        AppConfig plain = AppConfig.load(env(), dir, null, Map.of());
        assertThat(plain.responderOn()).isFalse();
        assertThat(plain.responderWorkers()).isEqualTo(8);
        assertThat(plain.mailRetentionDays()).isZero();
        assertThat(plain.responderTemplates()).isEmpty();
        assertThat(plain.defaultReplyPolicy()).isEqualTo(net.azt3knet.domain.responder.ReplyPolicy.DEFAULT);

        AppConfig set = AppConfig.load(env("AZT3KNET_RESPONDER", "on", "ALLOWED_SENDERS", "Boss@Example.org, @partner.example",
                "BLOCKED_SENDERS", "*", "MAX_ATTACHMENT_SIZE", "512KB", "MAX_EMAILS_PER_HOUR", "7", "LLM_MODEL", "llama3.1:8b"),
                dir, null, Map.of());
        assertThat(set.responderOn()).isTrue();
        assertThat(set.responderModel()).as("the enrichment's model by default").isEqualTo("llama3.1:8b");
        var policy = set.defaultReplyPolicy();
        assertThat(policy.mode()).isEqualTo(net.azt3knet.domain.responder.ReplyMode.REVIEW);
        assertThat(policy.allowedSenders()).containsExactly("boss@example.org", "@partner.example");
        assertThat(policy.blockedSenders()).containsExactly("*");
        assertThat(policy.maxAttachmentBytes()).isEqualTo(512 * 1024);
        assertThat(policy.perHour()).isEqualTo(7);
        assertThat(AppConfig.size("10MB")).isEqualTo(10L * 1024 * 1024);
        assertThat(AppConfig.size("2048")).isEqualTo(2048);
    }

    @Test
    void badResponderValuesAreNamedTogetherWithTheirFix() {
        AppConfig bad = AppConfig.load(env("AZT3KNET_RESPONDER", "maybe", "AZT3KNET_RESPONDER_WORKERS", "0",
                "MAX_ATTACHMENT_SIZE", "ten", "ALLOWED_SENDERS", "not an address", "AZT3KNET_MAIL_RETENTION_DAYS", "-1",
                "AZT3KNET_RESPONDER_TEMPLATES", dir.resolve("missing").toString()), dir, null, Map.of());
        assertThatThrownBy(() -> bad.validate(EnumSet.noneOf(Setting.class))).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("AZT3KNET_RESPONDER='maybe'", "on or off"))
                        .anySatisfy(p -> assertThat(p).contains("AZT3KNET_RESPONDER_WORKERS='0'", "1 to 256"))
                        .anySatisfy(p -> assertThat(p).contains("MAX_ATTACHMENT_SIZE", "10MB"))
                        .anySatisfy(p -> assertThat(p).contains("ALLOWED_SENDERS", "'not an address'"))
                        .anySatisfy(p -> assertThat(p).contains("AZT3KNET_MAIL_RETENTION_DAYS='-1'"))
                        .anySatisfy(p -> assertThat(p).contains("AZT3KNET_RESPONDER_TEMPLATES", "not a directory")));
    }

    @Test
    void aResponderWithoutMasterKeyOrModelIsRefusedNamingWhatIsMissing() {
        AppConfig config = AppConfig.load(env("AZT3KNET_RESPONDER", "on"), dir, null, Map.of());
        assertThatThrownBy(config::checkResponder).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.getMessage()).contains("AZT3KNET_RESPONDER=on needs it", "SECRET_KEY_FOR_KV_ENC"));
        AppConfig noModel = AppConfig.load(env("AZT3KNET_RESPONDER", "on", "SECRET_KEY_FOR_KV_ENC", KEY,
                "LLM_BASE_URL", "http://127.0.0.1:11434"), dir, null, Map.of());
        assertThatThrownBy(noModel::checkResponder).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.getMessage()).contains("AZT3KNET_RESPONDER_MODEL is not set", "LLM_MODEL"));
    }

    @Test
    void theInboundWebhookWithoutMasterKeyIsRefusedNamingTheKeyAndWithoutItsSecretNeedsNone() {
        String secret = "0123456789abcdef01234567";
        AppConfig config = AppConfig.load(env("MAILJET_INBOUND_SECRET", secret), dir, null, Map.of());
        assertThatThrownBy(config::checkInboundWebhook).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.getMessage()).contains("MAILJET_INBOUND_SECRET is set", "SECRET_KEY_FOR_KV_ENC is not set",
                        "azt3knet keys generate").doesNotContain(secret));
        AppConfig.load(env("MAILJET_INBOUND_SECRET", secret, "SECRET_KEY_FOR_KV_ENC", KEY), dir, null, Map.of()).checkInboundWebhook();
        AppConfig.load(env(), dir, null, Map.of()).checkInboundWebhook();
        assertThatThrownBy(AppConfig.load(env("MAILJET_INBOUND_SECRET", "short"), dir, null, Map.of())::checkInboundWebhook)
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.getMessage()).contains("is shorter than 24"));
    }

    @Test
    void envExampleDocumentsEverySetting() throws IOException {
        String example = Files.readString(Path.of("..", ".env.example"));
        for (Setting s : Setting.values()) {
            assertThat(example).as(s.variable()).containsPattern("(?m)^#? ?" + s.variable() + "=");
            for (String alias : s.aliases()) assertThat(example).as(alias).contains(alias);
        }
    }
}

package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The storage commands end to end, in-process, against a real embedded PostgreSQL: what an operator types and
 * what they see. The test holds the database open, so the commands attach to it instead of restarting it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageCommandsIT {

    private static Path home;
    private static Map<String, String> env;
    private static CliHome held;
    private static String key;
    private static final Pattern ID = Pattern.compile("^([0-9a-f-]{36})\\n$");

    @BeforeAll
    static void start() throws IOException {
        held = CliHome.open("storage-it-");
        home = held.dir;
        env = held.env;
        key = held.key;
    }

    @AfterAll
    static void stop() {
        if (held != null) held.close();
    }

    private static CliRun az(String... args) {
        return CliRun.in(env, home, args);
    }

    private static CliRun az(Map<String, String> extra, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(extra);
        return CliRun.in(e, home, args);
    }

    private static String persist(String... spec) {
        String[] args = new String[spec.length + 2];
        args[0] = "populate";
        System.arraycopy(spec, 0, args, 1, spec.length);
        args[args.length - 1] = "--persist";
        CliRun r = az(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        Matcher m = ID.matcher(r.out());
        assertThat(m.matches()).as("stdout is the id alone: " + r.out()).isTrue();
        return m.group(1);
    }

    @Test
    @Order(1)
    void keysGenerateprintsAFreshBase64KeyEachTime() {
        String k1 = az("keys", "generate").out().strip();
        String k2 = az("keys", "generate").out().strip();
        assertThat(k1).matches("[A-Za-z0-9+/]{43}=").isNotEqualTo(k2);
    }

    @Test
    @Order(2)
    void persistPrintsTheIdAndTheStoredAgentsAreWhatPopulatePrinted() {
        String id = persist("--count", "300", "--seed", "it-export", "--domain", "export.example.org");
        CliRun again = az("populate", "--count", "300", "--seed", "it-export", "--domain", "export.example.org", "--persist");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already stored").contains(id).doesNotContain("Exception");

        CliRun exported = az("populations", "export", id, "--format", "ndjson");
        CliRun generated = az("populate", "--count", "300", "--seed", "it-export", "--domain", "export.example.org", "--format", "ndjson");
        assertThat(exported.exitCode()).isZero();
        assertThat(exported.out()).isEqualTo(generated.out());
        CliRun json = az("populations", "export", id, "--format", "json");
        assertThat(json.out()).isEqualTo(az("populate", "--count", "300", "--seed", "it-export", "--domain",
                "export.example.org", "--format", "json").out());
        CliRun csv = az("agents", "list", "--population", id, "--offset", "10", "--limit", "5", "--format", "csv");
        assertThat(csv.out().split("\r\n")).hasSize(6);
        assertThat(csv.out().split("\r\n")[1]).contains(",10,");

        CliRun list = az("populations", "list", "--format", "csv");
        assertThat(list.out()).contains(id + ",300,it-export,export.example.org,US,2,active,");
        CliRun show = az("populations", "show", id, "--format", "json");
        assertThat(show.out()).contains("\"agents\":300").contains("\"seed\":\"it-export\"");
    }

    @Test
    @Order(3)
    void unknownAndMalformedIdsAreBadInput() {
        CliRun unknown = az("populations", "show", "00000000-0000-8000-8000-000000000000");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no population 00000000-0000-8000-8000-000000000000 is stored");
        CliRun malformed = az("agents", "list", "--population", "nope");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("'nope' is not a population id");
    }

    @Test
    @Order(4)
    void withoutAKeyPersistFailsAndSaysHowToMakeOne() {
        Map<String, String> noKey = new HashMap<>(env);
        noKey.remove("SECRET_KEY_FOR_KV_ENC");
        CliRun r = CliRun.in(noKey, home, "populate", "--count", "5", "--seed", "nokey", "--persist");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("SECRET_KEY_FOR_KV_ENC is not set").contains("azt3knet keys generate");
        CliRun bad = az(Map.of("SECRET_KEY_FOR_KV_ENC", "c2hvcnQ="), "populate", "--count", "5", "--seed", "badkey", "--persist");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("SECRET_KEY_FOR_KV_ENC decodes to 5 bytes, a master key has 32").doesNotContain("c2hvcnQ=");
    }

    @Test
    @Order(5)
    void everyConfigurationProblemIsListedAtOnce() {
        CliRun r = az(Map.of("AZT3KNET_SECRETS", "keychain", "AZT3KNET_DB_MIGRATE", "maybe", "AZT3KNET_DB_URL", "mysql://x"),
                "populations", "list");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("AZT3KNET_SECRETS='keychain' must be env, file or vault")
                .contains("AZT3KNET_DB_MIGRATE='maybe' must be true or false")
                .contains("AZT3KNET_DB_URL (or DATABASE_URL): the database URL must start with jdbc:postgresql:// or postgres://");
    }

    @Test
    @Order(6)
    void anUnreachableExternalDatabaseIsNamed() {
        CliRun r = az("populations", "list", "--db-url", "postgres://someone:hunter2@127.0.0.1:1/nothing");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot connect to the database at jdbc:postgresql://127.0.0.1:1/nothing")
                .doesNotContain("hunter2").doesNotContain("\tat ");
    }

    @Test
    @Order(7)
    void credentialsAreSealedForTheRecipientRotatedAndRecreatedFromSpecAndKey() throws IOException {
        String id = persist("--count", "50", "--seed", "it-creds", "--domain", "creds.example.org");
        Path plain = home.resolve("plain.csv");
        CliRun p = az("credentials", "export", "--population", id, "--plaintext", "--out", plain.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.err()).contains("warning").contains("plain text");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain))).isEqualTo("rw-------");
        List<String> rows = Files.readAllLines(plain);
        assertThat(rows).hasSize(51);
        assertThat(rows.get(0)).isEqualTo("index,username,email,password,app_password");
        assertThat(rows.get(1)).matches("0,[^,]+,[^,]+@creds\\.example\\.org,[\\x21-\\x7e&&[^,]]{20},[\\x21-\\x7e&&[^,]]{20}");

        Path secretKey = home.resolve("ops.key");
        CliRun recipient = az("keys", "recipient", "--secret-key-out", secretKey.toString());
        Files.writeString(home.resolve("ops.pub"), recipient.out());
        Path sealed = home.resolve("creds.sealed");
        assertThat(az("credentials", "export", "--population", id, "--recipient-key", home.resolve("ops.pub").toString(),
                "--out", sealed.toString()).exitCode()).isZero();
        assertThat(Files.readString(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(rows.get(1).split(",")[3]);
        CliRun opened = az("credentials", "open", "--in", sealed.toString(), "--secret-key-file", secretKey.toString());
        assertThat(opened.exitCode()).isZero();
        assertThat(opened.out()).isEqualTo(String.join("\n", rows) + "\n");

        // someone else's key, or a damaged file: exit 2, nothing printed
        Path otherKey = home.resolve("other.key");
        az("keys", "recipient", "--secret-key-out", otherKey.toString());
        CliRun wrong = az("credentials", "open", "--in", sealed.toString(), "--secret-key-file", otherKey.toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err()).contains("cannot be opened with this key pair");
        Files.writeString(home.resolve("junk"), "not an export");
        CliRun junk = az("credentials", "open", "--in", home.resolve("junk").toString(), "--secret-key-file", secretKey.toString());
        assertThat(junk.exitCode()).isEqualTo(2);
        assertThat(junk.err()).contains("not an azt3knet credentials export");
        CliRun noDir = az("credentials", "export", "--population", id, "--plaintext", "--out", home.resolve("missing/dir/c.csv").toString());
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.err()).contains("--out: cannot write").contains("does not exist");

        // rotation: same passwords, now under the new key; the old key no longer opens them
        String newKey = az("keys", "generate").out().strip();
        Files.writeString(home.resolve("new.key"), newKey + "\n");
        // and the agents' mail kept under the old key is re-encrypted with them
        String agent = rows.get(1).split(",")[2];
        Storage.withDatabase(net.azt3knet.app.wiring.AppConfig.load(env, home, null, Map.of()),
                net.azt3knet.ports.out.inbound.InboundMailbox.class, mailbox -> mailbox.deliver(
                        new net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage("<rotate@client.example>", agent,
                                "x@example.net", "kept across the rotation", "smtp", "Subject: kept across the rotation\r\n\r\nbody\r\n",
                                java.time.Instant.parse("2026-06-01T12:00:00Z"))));
        CliRun rotate = az("keys", "rotate", "--new-key-file", home.resolve("new.key").toString());
        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        assertThat(rotate.err()).containsPattern("re-encrypted [\\d,]+ credentials and 1 stored messages from key k-[0-9a-f]{16}"
                + " to k-[0-9a-f]{16} \\(mailboxes 1\\)\n");
        CliRun mail = az(Map.of("SECRET_KEY_FOR_KV_ENC", newKey), "mail", "list", "--agent", agent, "--format", "csv");
        assertThat(mail.exitCode()).as(mail.err()).isZero();
        assertThat(mail.out()).contains(",kept across the rotation,");
        assertThat(az("mail", "list", "--agent", agent).exitCode()).as("the old key no longer opens it").isEqualTo(2);
        CliRun oldKey = az("credentials", "export", "--population", id, "--plaintext", "--out", home.resolve("old.csv").toString());
        assertThat(oldKey.exitCode()).isEqualTo(2);
        assertThat(oldKey.err()).contains("was sealed under key");
        assertThat(Files.exists(home.resolve("old.csv"))).isFalse();
        Path rotated = home.resolve("rotated.csv");
        assertThat(az(Map.of("SECRET_KEY_FOR_KV_ENC", newKey), "credentials", "export", "--population", id, "--plaintext",
                "--out", rotated.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(rotated)).isEqualTo(rows);
        CliRun rerun = az(Map.of("SECRET_KEY_FOR_KV_ENC", newKey, "NEW", newKey), "keys", "rotate", "--new-key-env", "NEW");
        assertThat(rerun.exitCode()).isEqualTo(2);
        assertThat(rerun.err()).contains("the new key is the current key");

        // recreate after a loss: another data directory, the same spec, seed and original key
        Map<String, String> elsewhere = Map.of("AZT3KNET_DATA_DIR", home.resolve("data2").toString());
        CliRun recreated = az(elsewhere, "populate", "--count", "50", "--seed", "it-creds", "--domain", "creds.example.org", "--persist");
        assertThat(recreated.out().strip()).isEqualTo(id);
        Path again = home.resolve("again.csv");
        assertThat(az(elsewhere, "credentials", "export", "--population", id, "--plaintext", "--out", again.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(again)).isEqualTo(rows);
        for (Path f : List.of(plain, rotated, again)) Files.delete(f);
        env.put("SECRET_KEY_FOR_KV_ENC", newKey);
        env.put("IT_OLD_KEY", key);
        env.put("IT_PASSWORD", rows.get(1).split(",")[3]);
    }

    @Test
    @Order(8)
    void deletingNeedsConfirmationAndEverythingIsInTheVerifiedAuditTrail() {
        String id = persist("--count", "20", "--seed", "it-delete", "--domain", "delete.example.org");
        CliRun refused = az("populations", "delete", id);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("add --yes");
        CliRun deleted = az("populations", "delete", id, "--yes");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.err()).contains("deleted population " + id + " (20 agents)");
        assertThat(az("populations", "show", id).exitCode()).isEqualTo(2);

        CliRun audit = az("audit", "list", "--format", "csv");
        assertThat(audit.out()).contains("population.persist").contains("credentials.export").contains("keys.rotate")
                .contains("population.delete").contains("cli:tester");
        CliRun onlyThis = az("audit", "list", "--population", id, "--format", "csv");
        assertThat(onlyThis.out().strip().split("\r\n")).hasSize(3); // header, persist, delete
        CliRun verify = az("audit", "verify");
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out().strip()).matches("[0-9a-f]{64}");
        assertThat(az("audit", "verify", "--expect-head", verify.out().strip()).exitCode()).isZero();
        CliRun cut = az("audit", "verify", "--expect-head", "f".repeat(64));
        assertThat(cut.exitCode()).isEqualTo(3);
        assertThat(cut.err()).contains("cut off the end");
        CliRun status = az("db", "status", "--format", "csv");
        String[] schemas = status.out().strip().split("\r\n");
        assertThat(schemas[0]).isEqualTo("schema,database,version,latest,pending,applied");
        assertThat(schemas[1]).startsWith("core,").endsWith(",13,13,,1 schema; 2 mailboxes; 3 api; 4 job holder; 5 job queue; 6 smtp spool; 7 smtp users; 8 smtp suppression; 9 smtp spool held; 10 responder; 11 inbound sealed; 12 spool sealed; 13 agent email lower");
        assertThat(schemas[2]).as("the local provider's own migrations").startsWith("local,").endsWith(",1,1,,1 mailboxes");
        assertThat(schemas).hasSize(3);
    }

    @Test
    @Order(9)
    void aRotatedKeyCanBeSavedInAWritableSecretStore() throws IOException {
        Path secrets = Files.createDirectories(home.resolve("secrets"));
        Files.writeString(secrets.resolve("SECRET_KEY_FOR_KV_ENC"), env.get("SECRET_KEY_FOR_KV_ENC"));
        Map<String, String> fileStore = Map.of("AZT3KNET_SECRETS", "file", "AZT3KNET_SECRETS_DIR", secrets.toString());
        String id = persist("--count", "10", "--seed", "it-save", "--domain", "save.example.org");
        String third = az("keys", "generate").out().strip();
        CliRun rotate = az(Map.of("AZT3KNET_SECRETS", "file", "AZT3KNET_SECRETS_DIR", secrets.toString(), "THIRD", third),
                "keys", "rotate", "--new-key-env", "THIRD", "--save");
        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        assertThat(rotate.err()).contains("stored the new key as SECRET_KEY_FOR_KV_ENC in the secret store");
        assertThat(Files.readString(secrets.resolve("SECRET_KEY_FOR_KV_ENC")).strip()).isEqualTo(third);
        assertThat(az(fileStore, "credentials", "export", "--population", id, "--plaintext", "--out",
                home.resolve("saved.csv").toString()).exitCode()).isZero();
        Files.delete(home.resolve("saved.csv"));
        CliRun envStore = az(Map.of("X", az("keys", "generate").out().strip()), "keys", "rotate", "--new-key-env", "X", "--save");
        assertThat(envStore.exitCode()).isEqualTo(2);
        assertThat(envStore.err()).contains("--save: the environment, .env and the config file cannot be written");
        assertThat(az(fileStore, "credentials", "export", "--population", id, "--plaintext", "--out",
                home.resolve("still.csv").toString()).exitCode()).as("the refused rotation re-encrypted nothing").isZero();
        Files.delete(home.resolve("still.csv"));
        env.put("IT_THIRD_KEY", third);
    }

    @Test
    @Order(10)
    void noSecretEverReachesTheLogOrTheAuditTrail() throws IOException {
        String log = Files.readString(home.resolve("azt3knet.log"));
        assertThat(log).contains("embedded PostgreSQL"); // the log is real and was written
        String audit = az("audit", "list", "--format", "json").out();
        for (String secret : List.of(env.get("IT_OLD_KEY"), env.get("SECRET_KEY_FOR_KV_ENC"), env.get("IT_PASSWORD"), env.get("IT_THIRD_KEY"),
                Files.readString(home.resolve("data/pg/password")).strip(), "hunter2")) {
            assertThat(log).doesNotContain(secret);
            assertThat(audit).doesNotContain(secret);
        }
    }
}

package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code azt3knet mail list|show --agent …} in-process on a real embedded PostgreSQL with a stored population. */
class MailCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CliHome home;
    private static String agent;

    @BeforeAll
    static void start() throws Exception {
        home = CliHome.open("mail-it-");
        CliRun pop = az("populate", "--count", "2", "--seed", "mail", "--domain", "mail.example.org", "--persist");
        assertThat(pop.exitCode()).as(pop.err()).isZero();
        JsonNode agents = JSON.readTree(az("agents", "list", "--population", pop.out().strip(), "--format", "json").out());
        agent = agents.get(0).get("email").asText();
        // through the store as the commands wire it: sealed with the home's master key
        Storage.withDatabase(AppConfig.load(home.env, home.dir, null, Map.of()), InboundMailbox.class, mailbox ->
                mailbox.deliver(new InboundMessage("<1@client.example>", agent, "x@example.net", "hello", "smtp",
                        "Subject: hello\r\nMessage-ID: <1@client.example>\r\n\r\nbody\r\n", Instant.parse("2026-06-01T12:00:00Z"))));
    }

    @AfterAll
    static void stop() {
        if (home != null) home.close();
    }

    private static CliRun az(String... args) {
        return CliRun.in(home.env, home.dir, args);
    }

    @Test
    void theAgentsMailIsListedAndShownAndAnUnknownAgentOrMessageIsExitTwo() throws Exception {
        CliRun list = az("mail", "list", "--agent", agent.toUpperCase(), "--format", "json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode rows = JSON.readTree(list.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("subject").asText()).isEqualTo("hello");
        assertThat(rows.get(0).get("source").asText()).isEqualTo("smtp");

        assertThat(az("mail", "show", "--agent", agent, "<1@client.example>").out())
                .isEqualTo("Subject: hello\r\nMessage-ID: <1@client.example>\r\n\r\nbody\r\n");
        CliRun missing = az("mail", "show", "--agent", agent, "<2@client.example>");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no message '<2@client.example>' is kept for " + agent);
        CliRun unknown = az("mail", "list", "--agent", "eve@elsewhere.example");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--agent 'eve@elsewhere.example' is no stored agent's address");
        assertThat(unknown.out()).isEmpty();
    }

    @Test
    void theListIsWrittenInEveryListingFormatWithTheFormatOptionTheAgentsListHas() throws Exception {
        CliRun ndjson = az("mail", "list", "--agent", agent);
        assertThat(ndjson.exitCode()).as(ndjson.err()).isZero();
        assertThat(ndjson.out().lines()).as("NDJSON when stdout is no terminal").hasSize(1);
        assertThat(JSON.readTree(ndjson.out()).get("message_id").asText()).isEqualTo("<1@client.example>");
        assertThat(az("mail", "list", "--agent", agent, "--format", "ndjson").out()).isEqualTo(ndjson.out());
        assertThat(az("mail", "list", "--agent", agent, "--format", "csv").out())
                .startsWith("received_at,message_id,sender,subject,source,size\r\n").contains(",<1@client.example>,", ",hello,smtp,");
        assertThat(az("mail", "list", "--agent", agent, "--format", "table").out().lines().findFirst().orElseThrow())
                .startsWith("RECEIVED_AT").contains("MESSAGE_ID", "SUBJECT");

        CliRun bad = az("mail", "list", "--agent", agent, "--format", "xml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--format").doesNotContain("Exception");
        String formatHelp = az("mail", "list", "--help").out().lines().filter(l -> l.strip().startsWith("--format=")).findFirst().orElseThrow();
        assertThat(az("agents", "list", "--help").out()).contains(formatHelp);
    }

    @Test
    void withoutTheMasterKeyTheSealedMailIsNotShownAndTheErrorSaysWhichSettingIsMissing() {
        Map<String, String> noKey = new HashMap<>(home.env);
        noKey.remove("SECRET_KEY_FOR_KV_ENC");
        CliRun list = CliRun.in(noKey, home.dir, "mail", "list", "--agent", agent);
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("needs the master key").contains("SECRET_KEY_FOR_KV_ENC is not set").doesNotContain("Exception");
        assertThat(list.out()).isEmpty();
    }
}

package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code azt3knet queue …} in-process against a real embedded PostgreSQL holding spooled messages. */
class QueueCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CliHome home;
    private static MessageSpool spool;

    @BeforeAll
    static void start() throws Exception {
        home = CliHome.open("queue-it-");
        spool = home.database().messageSpool();
    }

    @AfterAll
    static void stop() {
        if (home != null) home.close();
    }

    private static CliRun az(String... args) {
        return CliRun.in(home.env, home.dir, args);
    }

    private static QueueId store(String from, String to, String body) {
        return spool.store(new Envelope(from, List.of(to), Optional.of(from), "192.0.2.9", "client.example.org"),
                ("Subject: " + body + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aMessageSpooledUnderAnotherKeyIsShownButItsContentIsRefusedNamingTheKeyAndItCanStillBeDeleted() {
        // a box no key of this home opens: as a row spooled under an earlier master key looks
        QueueId id = spool.storeSealed(new Envelope("old-key@queue.example.org", List.of("ada@example.net"), Optional.empty(),
                "192.0.2.9", "client.example.org"), new byte[64], 40);

        CliRun shown = az("queue", "show", id.toString(), "--format", "json");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("old-key@queue.example.org");
        CliRun raw = az("queue", "show", id.toString(), "--raw");
        assertThat(raw.exitCode()).isEqualTo(2);
        assertThat(raw.err()).contains("message " + id + " was spooled under another master key").contains("SECRET_KEY_FOR_KV_ENC")
                .doesNotContain("Exception");
        assertThat(raw.out()).isEmpty();
        CliRun delete = az("queue", "delete", id.toString());
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(spool.find(id)).isEmpty();
    }

    @Test
    void listShowHoldReleaseRetryAndDeleteAMessageAndEachChangeIsAudited() throws Exception {
        QueueId id = store("ops@queue.example.org", "ada@example.net", "first");

        CliRun list = az("queue", "list", "--sender", "ops@queue.example.org", "--format", "json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode rows = JSON.readTree(list.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("id").asLong()).isEqualTo(id.value());
        assertThat(rows.get(0).get("state").asText()).isEqualTo("queued");
        assertThat(rows.get(0).get("recipients").asText()).isEqualTo("ada@example.net");

        CliRun raw = az("queue", "show", id.toString(), "--raw");
        assertThat(raw.out()).isEqualTo("Subject: first\r\n\r\nfirst\r\n");

        assertThat(az("queue", "hold", id.toString()).err()).contains("message " + id + " held");
        assertThat(spool.claim(10, Duration.ofSeconds(30))).as("a held message is not relayed").noneMatch(m -> m.id().equals(id));
        assertThat(az("queue", "list", "--state", "held", "--format", "csv").out()).contains("\r\n" + id + ",held,ops@queue.example.org,");
        CliRun again = az("queue", "hold", id.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("message " + id + " is held: only a queued or deferred message can be held");
        assertThat(az("queue", "release", id.toString()).exitCode()).isZero();
        assertThat(spool.find(id).orElseThrow().entry().state()).isEqualTo(SpoolState.QUEUED);
        assertThat(az("queue", "retry", id.toString()).exitCode()).isZero();
        assertThat(az("queue", "delete", id.toString()).exitCode()).isZero();
        assertThat(spool.find(id)).isEmpty();

        CliRun gone = az("queue", "show", id.toString());
        assertThat(gone.exitCode()).isEqualTo(2);
        assertThat(gone.err()).contains("no message " + id + " is in the queue");
        CliRun audit = az("audit", "list", "--action", "queue", "--format", "csv");
        assertThat(audit.out()).contains("queue.hold,queue:" + id).contains("queue.release,queue:" + id)
                .contains("queue.retry,queue:" + id).contains("queue.delete,queue:" + id).contains("cli:tester");
    }

    @Test
    void aPurgeCountsWithoutYesAndRemovesWithIt() {
        store("spam@purge.example.org", "a@example.net", "1");
        store("spam@purge.example.org", "b@example.net", "2");
        QueueId kept = store("ok@purge.example.org", "a@example.net", "3");

        CliRun dry = az("queue", "purge", "--sender", "spam@purge.example.org");
        assertThat(dry.exitCode()).isEqualTo(2);
        assertThat(dry.err()).contains("2 messages match; nothing removed: add --yes to remove them");
        CliRun purge = az("queue", "purge", "--sender", "spam@purge.example.org", "--yes");
        assertThat(purge.exitCode()).as(purge.err()).isZero();
        assertThat(purge.err()).contains("removed 2 messages");
        assertThat(az("queue", "list", "--sender", "spam@purge.example.org", "--format", "ndjson").out()).isEmpty();
        assertThat(spool.find(kept)).isPresent();
    }

    @Test
    void badInputIsOneLineNamingTheFlagAndExitTwo() {
        for (String[] args : List.of(new String[] {"queue", "list", "--state", "stuck"}, new String[] {"queue", "show", "abc"},
                new String[] {"queue", "list", "--older-than", "soon"}, new String[] {"queue", "purge", "--yes"},
                new String[] {"queue", "list", "--limit", "0"})) {
            CliRun r = az(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(az("queue", "list", "--state", "stuck").err()).contains("--state 'stuck' is not a queue state");
        assertThat(az("queue", "show", "abc").err()).contains("queue id: 'abc' is not a queue id");
    }
}

package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.azt3knet.domain.responder.ReplyMode;
import net.azt3knet.domain.responder.ReplyPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The responder and gdpr commands' own work: flags into a policy, refusals before any database is started. */
class ResponderCommandTest {

    private static final String ID = "5f0c6a52-1b7e-8d2f-a3c4-9e8b7a6d5c4b";

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.in(Map.of("HOME", dir.toString(), "AZT3KNET_DATA_DIR", dir.resolve("data").toString()), dir, args);
    }

    @Test
    void policyFlagsChangeOnlyTheFieldsGiven() {
        ResponderCommand.PolicyChanges changes = new ResponderCommand.PolicyChanges();
        changes.mode = "AUTO";
        changes.block = "@Spam.example, boss@example.org";
        changes.oncePer = "12h";
        changes.maxAttachment = "512KB";
        changes.perHour = 7;
        ReplyPolicy p = changes.applyTo(ReplyPolicy.DEFAULT);
        assertThat(p.mode()).isEqualTo(ReplyMode.AUTO);
        assertThat(p.blockedSenders()).containsExactly("@spam.example", "boss@example.org");
        assertThat(p.oncePer()).isEqualTo(Duration.ofHours(12));
        assertThat(p.maxAttachmentBytes()).isEqualTo(512 * 1024);
        assertThat(p.perHour()).isEqualTo(7);
        assertThat(p.threadCap()).isEqualTo(ReplyPolicy.DEFAULT.threadCap());
        assertThat(p.allowedSenders()).isEqualTo(ReplyPolicy.DEFAULT.allowedSenders());
        assertThat(ResponderCommand.period(p.oncePer())).isEqualTo("12h");

        ResponderCommand.PolicyChanges clear = new ResponderCommand.PolicyChanges();
        clear.block = "";
        assertThat(clear.applyTo(p).blockedSenders()).isEmpty();
    }

    @Test
    void aBadFlagIsNamedWithItsFix() {
        ResponderCommand.PolicyChanges mode = new ResponderCommand.PolicyChanges();
        mode.mode = "sometimes";
        assertThatThrownBy(() -> mode.applyTo(ReplyPolicy.DEFAULT)).hasMessageContaining("--mode 'sometimes' must be review or auto");
        ResponderCommand.PolicyChanges size = new ResponderCommand.PolicyChanges();
        size.maxAttachment = "huge";
        assertThatThrownBy(() -> size.applyTo(ReplyPolicy.DEFAULT)).hasMessageContaining("--max-attachment").hasMessageContaining("10MB");

        CliRun bad = run("responder", "policy", "--population", ID, "--agent-to-agent", "maybe");
        assertThat(bad.exitCode()).isEqualTo(Errors.INVALID_INPUT);
        assertThat(bad.err()).contains("--agent-to-agent 'maybe' must be on or off");
        assertThat(dir.resolve("data/pg")).as("refused before the database started").doesNotExist();
        assertThat(run("responder", "status", "--population", "nope").err()).contains("'nope' is not a population id");
        assertThat(run("responder", "drafts", "approve", "x").err()).contains("'x' is not a drafts id");
        assertThat(run("responder", "queue", "list", "--state", "lost").err()).contains("--state 'lost' must be one of pending");
    }

    @Test
    void destructiveCommandsWithoutYesSayWhatWouldGoAndExitTwo() {
        CliRun drop = run("responder", "queue", "drop", "42");
        assertThat(drop.exitCode()).isEqualTo(Errors.INVALID_INPUT);
        assertThat(drop.err()).contains("would delete queue entry 42", "add --yes");
        CliRun gdpr = run("gdpr", "delete", "--address", "someone@example.org");
        assertThat(gdpr.exitCode()).isEqualTo(Errors.INVALID_INPUT);
        assertThat(gdpr.out()).isEmpty();
        assertThat(gdpr.err()).contains("gdpr delete would remove", "SHA-256 hash", "add --yes");
        assertThat(run("gdpr", "delete", "--address", "nobody", "--yes").err()).contains("--address 'nobody' is not an e-mail address");
        assertThat(dir.resolve("data/pg")).doesNotExist();
    }
}

package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Provisioning end to end through the CLI on the embedded local provider and a real embedded PostgreSQL: populate
 * with mailboxes, plan, list, verify, rotate, teardown, recreate after the population was deleted, and bad input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailboxesCommandIT {

    private static Path home;
    private static Map<String, String> env;
    private static CliHome held;
    private static String id;

    @BeforeAll
    static void start() throws IOException {
        held = CliHome.open("mailboxes-it-");
        home = held.dir;
        env = held.env;
    }

    @AfterAll
    static void stop() {
        if (held != null) held.close();
    }

    private static CliRun az(String... args) {
        return CliRun.in(env, home, args);
    }

    @Test
    @Order(1)
    void populateWithMailboxesStoresThePopulationAndGivesEveryAgentALocalMailbox() {
        CliRun r = az("populate", "--count", "20", "--seed", "mbx", "--domain", "agents.example.org", "--create-mailboxes");
        assertThat(r.exitCode()).as(r.err()).isZero();
        id = r.out().strip();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(r.err()).contains("mailboxes: 20 created").contains("verify: 20 of 20 in place");

        CliRun plan = az("mailboxes", "plan", "--population", id);
        assertThat(plan.out()).contains("Plan: 0 to create, 0 to adopt, 0 to update, 0 to delete, 0 conflicts, 20 unchanged.");
        CliRun list = az("mailboxes", "list", "--population", id, "--format", "csv");
        assertThat(list.out().strip().split("\r\n")).hasSize(21);
        assertThat(list.out()).contains("@agents.example.org,local,active,");
        CliRun apply = az("mailboxes", "apply", "--population", id);
        assertThat(apply.exitCode()).isZero();
        assertThat(apply.out()).contains("\"writes\":0").contains("\"domain\":0");
        assertThat(az("mailboxes", "verify", "--population", id).exitCode()).isZero();
    }

    @Test
    @Order(2)
    void rotatingOneAgentsPasswordUpdatesOnlyThatMailbox() {
        CliRun r = az("mailboxes", "rotate-password", "--population", id, "--agent", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"updated\":1").contains("\"created\":0");
        assertThat(az("mailboxes", "list", "--population", id, "--format", "csv").out()).containsPattern("\\n3,[^\\n]*,1\\r?\\n");
        CliRun unknown = az("mailboxes", "rotate-password", "--population", id, "--agent", "99");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--agent [99]");
    }

    @Test
    @Order(3)
    void badInputIsNamedWithItsFixAndExitsTwo() {
        CliRun provider = az("mailboxes", "apply", "--population", id, "--provider", "gmail");
        assertThat(provider.exitCode()).isEqualTo(2);
        assertThat(provider.err()).contains("--provider 'gmail' is not a provider").doesNotContain("Exception");
        CliRun policy = az("mailboxes", "apply", "--population", id, "--on-conflict", "maybe");
        assertThat(policy.exitCode()).isEqualTo(2);
        assertThat(policy.err()).contains("--on-conflict 'maybe' must be fail, skip or adopt");
        CliRun unconfigured = az("mailboxes", "plan", "--population", id, "--provider", "mailcow");
        assertThat(unconfigured.exitCode()).isEqualTo(2);
        assertThat(unconfigured.err()).contains("MAILCOW_BASE_URL is not set");
        CliRun check = az("providers", "check", "--format", "csv");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("local,ok,mailbox").contains("mailcow,not configured");
    }

    @Test
    @Order(4)
    void recreateAfterTheDatabaseLostThePopulationAdoptsItsMailboxesInsteadOfDuplicatingThem() {
        CliRun refused = az("populations", "delete", id, "--yes");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("still has 20 mailboxes").contains("mailboxes teardown --population " + id + " --provider local --yes");
        assertThat(az("populations", "delete", id, "--yes", "--keep-mailboxes").exitCode()).isZero();
        CliRun r = az("recreate", "--spec", writeSpec(), "--provider", "local");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("restored population " + id);
        assertThat(r.out()).contains("\"created\":0").contains("\"adopted\":20");
        // and the domain's DNS re-synced (zone files by default): the zone is made, the mail records written
        assertThat(r.err()).contains("dns re-sync of agents.example.org at zonefile").contains("zone created").contains("verified");
        assertThat(home.resolve("data/dns/agents.example.org.zone")).content().contains("v=spf1 mx ~all");
        CliRun again = az("recreate", "--spec", writeSpec(), "--provider", "local");
        assertThat(again.err()).contains("in 0 writes; verified");
    }

    @Test
    @Order(5)
    void teardownShowsWhatItWouldDeleteUntilConfirmedThenRemovesOnlyThePopulationsMailboxes() {
        CliRun unconfirmed = az("mailboxes", "teardown", "--population", id);
        assertThat(unconfirmed.exitCode()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("- delete").contains("20 to delete");
        assertThat(unconfirmed.out()).as("a refusal writes nothing a script would read as output").isEmpty();
        CliRun r = az("mailboxes", "teardown", "--population", id, "--yes");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"deleted\":20");
        assertThat(az("mailboxes", "plan", "--population", id).out()).contains("20 to create");
        assertThat(az("audit", "list", "--action", "mailbox.delete", "--format", "csv").out().strip().split("\r\n")).hasSize(21);
    }

    @Test
    @Order(6)
    void populateWithMailboxesAgainForAStoredPopulationResumesItsMailboxesInsteadOfFailing() {
        String[] spec = {"populate", "--count", "15", "--seed", "resume", "--domain", "resume.example.org", "--persist"};
        CliRun stored = az(spec);
        assertThat(stored.exitCode()).as(stored.err()).isZero();
        String resumeId = stored.out().strip();

        CliRun again = az(spec);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is already stored (same spec and seed)").contains(resumeId)
                .contains("--create-mailboxes").doesNotContain("Exception");

        String[] withMailboxes = java.util.Arrays.copyOf(spec, spec.length + 1);
        withMailboxes[spec.length] = "--create-mailboxes";
        CliRun resumed = az(withMailboxes);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).isEqualTo(resumeId + "\n");
        assertThat(resumed.err()).contains("population " + resumeId + " is stored already; resuming its mailboxes")
                .contains("mailboxes: 15 created").contains("verify: 15 of 15 in place");
        assertThat(az("mailboxes", "list", "--population", resumeId, "--format", "csv").out().strip().split("\r\n")).hasSize(16);

        CliRun third = az(withMailboxes);
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.err()).contains("is stored already; resuming its mailboxes")
                .contains("mailboxes: 0 created, 0 adopted, 0 updated, 0 deleted").contains("verify: 15 of 15 in place");
        assertThat(az("audit", "list", "--action", "population.persist", "--population", resumeId, "--format", "csv")
                .out().strip().split("\r\n")).as("stored once, by the first run").hasSize(2);
    }

    @Test
    @Order(7)
    void recreateOfAPopulationTheDatabaseStillHoldsUsesItsStoredSpec() {
        String resumeId = az("populations", "list", "--format", "csv").out().lines()
                .filter(l -> l.contains(",resume,resume.example.org,")).findFirst().orElseThrow().split(",")[0];
        CliRun r = az("recreate", "--population", resumeId, "--provider", "local", "--no-dns");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("kept population " + resumeId + " (15 agents, already stored)");
        assertThat(r.out()).contains("\"created\":0").contains("\"writes\":0");
    }

    private static String writeSpec() {
        try {
            Path spec = home.resolve("spec.json");
            Files.writeString(spec, "{\"count\":20,\"seed\":\"mbx\",\"domain\":\"agents.example.org\"}");
            return spec.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

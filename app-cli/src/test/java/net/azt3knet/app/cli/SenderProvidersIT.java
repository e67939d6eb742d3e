package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import net.azt3knet.adapters.cakemail.CakemailStub;
import net.azt3knet.adapters.mailjet.MailjetStub;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender-identity providers end to end through the CLI, against the stateful Mailjet and Cakemail stubs and the
 * embedded PostgreSQL: populate with senders, the unconfirmed state in the report, DKIM, teardown and a re-apply
 * that revives Mailjet's soft-deleted senders instead of tripping over them.
 */
class SenderProvidersIT {

    private static final MailjetStub MAILJET = new MailjetStub();
    private static final CakemailStub CAKEMAIL = new CakemailStub();
    @RegisterExtension
    static final StubServer MAILJET_SERVER = new StubServer(MAILJET);
    @RegisterExtension
    static final StubServer CAKEMAIL_SERVER = new StubServer(CAKEMAIL);
    private static WireMockServer mailjet;
    private static WireMockServer cakemail;
    private static CliHome held;
    private static Map<String, String> env;

    @BeforeAll
    static void start() throws IOException {
        mailjet = MAILJET_SERVER.server();
        cakemail = CAKEMAIL_SERVER.server();
        held = CliHome.open("senders-it-");
        env = new HashMap<>(held.env);
        env.put("MAILJET_BASE_URL", mailjet.baseUrl());
        env.put("MAILJET_API_KEY", MailjetStub.KEY);
        env.put("MAILJET_SECRET_KEY", MailjetStub.SECRET);
        env.put("CAKEMAIL_BASE_URL", cakemail.baseUrl());
        env.put("CAKEMAIL_USERNAME", CakemailStub.USER);
        env.put("CAKEMAIL_PASSWORD", CakemailStub.PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (held != null) held.close();
    }

    private static CliRun az(String... args) {
        return CliRun.in(env, held.dir, args);
    }

    @Test
    void mailjetSendersAreMadeReportedUnconfirmedTornDownAndRevived() {
        CliRun made = az("populate", "--count", "12", "--seed", "mj", "--domain", "mj.example.org", "--create-mailboxes",
                "--provider", "mailjet");
        assertThat(made.exitCode()).as(made.err()).isZero();
        String id = made.out().strip();
        assertThat(made.err()).contains("mailboxes: 12 created").contains("verify: 12 of 12 in place")
                .contains("12 sender identities await confirmation");

        CliRun check = az("providers", "check", "--provider", "mailjet", "--format", "csv");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("mailjet,ok,sender," + mailjet.baseUrl());
        CliRun dkim = az("providers", "dkim", "--provider", "mailjet", "--domain", "mj.example.org", "--check", "--format", "csv");
        assertThat(dkim.exitCode()).as(dkim.err()).isZero();
        assertThat(dkim.out()).contains("mailjet,mailjet._domainkey.mj.example.org,TXT,k=rsa; p=").contains(",Error");
        CliRun rotate = az("mailboxes", "rotate-password", "--population", id, "--provider", "mailjet");
        assertThat(rotate.exitCode()).isEqualTo(2);
        assertThat(rotate.err()).contains("sender identities, which have no password");

        CliRun down = az("mailboxes", "teardown", "--population", id, "--provider", "mailjet", "--yes");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("\"deleted\":12");
        assertThat(MAILJET.senders(s -> s.path("Status").asText().equals("Deleted"))).hasSize(12);

        CliRun again = az("mailboxes", "apply", "--population", id, "--provider", "mailjet");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("\"created\":12");
        assertThat(MAILJET.senders(s -> s.path("Email").asText().endsWith("@mj.example.org"))).as("revived, not duplicated")
                .hasSize(13).noneMatch(s -> s.path("Status").asText().equals("Deleted"));
    }

    @Test
    void cakemailSendersAreMadeAndTheDomainGetsADkimKey() {
        CliRun made = az("populate", "--count", "8", "--seed", "cm", "--domain", "cm.example.org", "--create-mailboxes",
                "--provider", "cakemail");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.err()).contains("mailboxes: 8 created").contains("8 sender identities await confirmation");
        assertThat(CAKEMAIL.senders(s -> s.path("email").asText().endsWith("@cm.example.org"))).hasSize(8);

        CliRun dkim = az("providers", "dkim", "--provider", "cakemail", "--domain", "cm.example.org", "--format", "json");
        assertThat(dkim.exitCode()).as(dkim.err()).isZero();
        assertThat(dkim.out()).contains("._domainkey.cm.example.org").contains("v=DKIM1; k=rsa; p=");
        CliRun none = az("providers", "dkim", "--provider", "cakemail", "--domain", "other.example.org");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("cakemail holds no DKIM key for other.example.org");
        CliRun bad = az("providers", "dkim", "--provider", "cakemail", "--domain", "not a domain");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--domain 'not a domain' is not a domain name");
    }
}

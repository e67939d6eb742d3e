package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.submission.SubmissionUser;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryGatewayUserStore;
import org.junit.jupiter.api.Test;

class ManageGatewayUsersServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);

    private final InMemoryGatewayUserStore store = new InMemoryGatewayUserStore();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(CLOCK);
    private final ManageGatewayUsersService users = new ManageGatewayUsersService(store, audit, new SecureRandom(), CLOCK);

    @Test
    void aUserAuthenticatesWithItsPasswordUntilRevokedAndOnlyItsHashIsStored() {
        var issued = users.create("newsletter", Set.of("News.Example.ORG ", "agents.example.org"), "cli:alice");
        assertThat(issued.domains()).containsExactlyInAnyOrder("news.example.org", "agents.example.org");
        assertThat(users.authenticate("newsletter", issued.password()))
                .contains(new SubmissionUser("newsletter", Set.of(), Set.of("agents.example.org", "news.example.org")));
        assertThat(store.list()).singleElement().satisfies(u -> {
            assertThat(new String(u.hash(), StandardCharsets.ISO_8859_1)).doesNotContain(issued.password());
            assertThat(u.toString()).doesNotContain(issued.password());
            assertThat(u.createdAt()).isEqualTo(CLOCK.instant());
        });
        assertThat(users.authenticate("newsletter", issued.password() + "x")).isEmpty();
        assertThat(users.authenticate("someone-else", issued.password())).isEmpty();
        assertThat(users.authenticate("Not A Name", issued.password())).isEmpty();
        assertThat(users.authenticate(null, issued.password())).isEmpty();
        assertThat(users.authenticate("newsletter", null)).isEmpty();

        users.revoke("newsletter", "cli:alice");
        assertThat(users.authenticate("newsletter", issued.password())).isEmpty();
        assertThat(users.list()).singleElement().satisfies(u -> assertThat(u.revokedAt()).isEqualTo(CLOCK.instant()));
        assertThat(audit.list(new AuditQuery(null, "smtp.user", null, 10))).extracting(e -> e.event().action(), e -> e.event().target())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("smtp.user.create", "smtp-user:newsletter"),
                        org.assertj.core.groups.Tuple.tuple("smtp.user.revoke", "smtp-user:newsletter"));
        assertThat(audit.list(AuditQuery.all()).toString()).doesNotContain(issued.password());
    }

    @Test
    void badInputNamesTheFieldAndTheFix() {
        users.create("ops", Set.of("agents.example.org"), "cli:alice");
        assertThatThrownBy(() -> users.create("ops", Set.of("agents.example.org"), "cli:alice")).isInstanceOf(RejectedCommandException.class)
                .hasMessage("a gateway user named 'ops' exists already; choose another NAME, or revoke it first with"
                        + " 'azt3knet smtp-users revoke ops'");
        assertThatThrownBy(() -> users.create("Bad Name!", Set.of("agents.example.org"), "cli:alice"))
                .hasMessage("NAME 'Bad Name!' is not a gateway user name: 1-64 characters of a-z, 0-9, '.', '_' and '-', starting"
                        + " with a letter or digit, e.g. newsletter");
        assertThatThrownBy(() -> users.create("fine", Set.of("not a domain"), "cli:alice"))
                .hasMessage("--domain 'not a domain' is not a domain name, e.g. agents.example.org");
        assertThatThrownBy(() -> users.create("fine", Set.of(), "cli:alice"))
                .hasMessage("--domain is required: the sender domains this user may send as");
        assertThatThrownBy(() -> users.revoke("nobody", "cli:alice"))
                .hasMessage("no valid gateway user is named 'nobody'; 'azt3knet smtp-users list' shows them");
        assertThat(store.list()).extracting(u -> u.name()).containsExactly("ops");
    }
}

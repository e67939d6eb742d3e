package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.azt3knet.ports.in.ManageApiTokensUseCase.Principal;
import net.azt3knet.ports.in.ManageApiTokensUseCase.Role;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.testkit.fakes.InMemoryApiTokenStore;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import org.junit.jupiter.api.Test;

class ManageApiTokensServiceTest {

    private final InMemoryApiTokenStore store = new InMemoryApiTokenStore();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
    private final ManageApiTokensService tokens = new ManageApiTokensService(store, audit, new SecureRandom(),
            Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void aTokenAuthenticatesItsOwnerUntilRevokedAndOnlyItsHashIsStored() {
        var issued = tokens.create("ci", Role.ADMIN, "cli:alice");
        assertThat(tokens.authenticate(issued.token())).contains(new Principal("ci", Role.ADMIN));
        // azt_<12-char id>_<43-char secret>: the secret itself may contain "_", so it is cut by length
        String secret = issued.token().substring("azt_".length() + 12 + 1);
        assertThat(secret).hasSize(43);
        assertThat(store.list()).singleElement().satisfies(t -> {
            assertThat(new String(t.hash(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
        });
        String tampered = issued.token().substring(0, issued.token().length() - 1)
                + (issued.token().endsWith("A") ? "B" : "A");
        assertThat(tokens.authenticate(tampered)).isEmpty();
        assertThat(tokens.authenticate("Bearer nonsense")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();

        tokens.revoke("ci", "cli:alice");
        assertThat(tokens.authenticate(issued.token())).isEmpty();
        assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.revokedAt()).isNotNull());
        assertThat(audit.list(new AuditQuery(null, "api.token", null, 10))).extracting(e -> e.event().action())
                .containsExactly("api.token.create", "api.token.revoke");
        assertThat(audit.list(AuditQuery.all()).toString()).doesNotContain(secret);
    }

    @Test
    void namesAreCheckedAndUnique() {
        tokens.create("reader", Role.READ, "cli:alice");
        assertThatThrownBy(() -> tokens.create("reader", Role.ADMIN, "cli:alice")).isInstanceOf(RejectedCommandException.class)
                .hasMessage("a token named 'reader' exists already; choose another --name, or revoke it first with"
                        + " 'azt3knet tokens revoke reader'");
        assertThatThrownBy(() -> tokens.create("Bad Name!", Role.READ, "cli:alice")).isInstanceOf(RejectedCommandException.class)
                .hasMessage("--name 'Bad Name!' is not a token name: 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with"
                        + " a letter or digit, e.g. ci-pipeline");
        assertThatThrownBy(() -> tokens.revoke("nobody", "cli:alice")).isInstanceOf(RejectedCommandException.class)
                .hasMessage("no valid token is named 'nobody'; 'azt3knet tokens list' shows them");
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("read or admin");
    }
}

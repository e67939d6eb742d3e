package net.azt3knet.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.ports.in.MasterKeyMismatchException;
import net.azt3knet.ports.in.PopulationHasMailboxesException;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.UnknownPopulationException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aRejectedFlagBecomesTheFieldOfThatName() {
        ApiProblem p = Failures.problem(new RejectedCommandException("--domain 'x y' is not a domain name; e.g. agents.example.org"));
        assertThat(p.status).isEqualTo(400);
        assertThat(p.field).isEqualTo("domain");
        assertThat(p.getMessage()).isEqualTo("domain 'x y' is not a domain name; e.g. agents.example.org");

        ApiProblem plain = Failures.problem(new RejectedCommandException("the new key is the current key"));
        assertThat(plain.field).isNull();
        assertThat(plain.getMessage()).isEqualTo("the new key is the current key");
    }

    @Test
    void mailboxesLeftAtProvidersAreAConflictThatNamesTheHttpTeardown() {
        UUID id = UUID.fromString("95f2d0a5-3752-8452-a680-53b0d75d6d3b");
        ApiProblem p = Failures.problem(new PopulationHasMailboxesException(id, Map.of("local", 1000L)));
        assertThat(p.status).isEqualTo(409);
        assertThat(p.getMessage()).contains("POST /api/populations/" + id + "/mailboxes:teardown {\"provider\": \"local\", \"yes\": true}",
                "?keep_mailboxes=true").doesNotContain("--");
    }

    @Test
    void anotherMasterKeyThanTheStoredCredentialsIsAConflictNamingBothKeysAndTheRotation() {
        ApiProblem p = Failures.problem(new MasterKeyMismatchException("k-b9c1000000000000", List.of("k-c506000000000000")));
        assertThat(p.status).isEqualTo(409);
        assertThat(p.field).isNull();
        assertThat(p.getMessage()).contains("k-b9c1000000000000", "k-c506000000000000", "azt3knet keys rotate");
    }

    @Test
    void anUnknownPopulationIsNotFound() {
        assertThat(Failures.problem(new UnknownPopulationException(UUID.randomUUID())).status).isEqualTo(404);
    }

    @Test
    void anUnforeseenFailureIsABare500WithAnIncidentAndNoDetailOfTheCause() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Failures.class.getName()); // the cause goes to the log only:
        log.setLevel(java.util.logging.Level.OFF);                                                  // keep it out of the build output
        ApiProblem p = Failures.problem(new IllegalStateException("secret connection string postgres://u:pw@h"));
        assertThat(p.status).isEqualTo(500);
        assertThat(p.getMessage()).contains("incident").doesNotContain("pw@h", "IllegalStateException");
    }
}

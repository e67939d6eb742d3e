package net.azt3knet.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.azt3knet.ports.out.submission.SubmissionUser;
import org.junit.jupiter.api.Test;

class InMemorySubmissionUsersTest {

    private final InMemorySubmissionUsers users = new InMemorySubmissionUsers()
            .add("agent", "s3cret", Set.of("Agent@Example.org"), Set.of())
            .add("app", "pw", Set.of(), Set.of("apps.example.org"));

    @Test
    void theRightPasswordNamesTheUserAndItsSendersAndAnythingElseIsNobody() {
        SubmissionUser agent = users.authenticate("agent", "s3cret").orElseThrow();
        assertThat(agent.owns("agent@example.org")).isTrue();
        assertThat(agent.owns("AGENT@EXAMPLE.ORG")).isTrue();
        assertThat(agent.owns("other@example.org")).isFalse();
        assertThat(users.authenticate("app", "pw").orElseThrow().owns("billing@apps.example.org")).isTrue();
        assertThat(users.authenticate("app", "pw").orElseThrow().owns("x@evil-apps.example.org")).isFalse();
        assertThat(users.authenticate("agent", "wrong")).isEmpty();
        assertThat(users.authenticate("nobody", "s3cret")).isEmpty();
    }
}

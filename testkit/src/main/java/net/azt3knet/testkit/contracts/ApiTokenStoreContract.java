package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import net.azt3knet.ports.out.access.ApiTokenStore;
import net.azt3knet.ports.out.access.ApiTokenStore.StoredToken;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApiTokenStore} must do: keep names unique, find a token by its id with its hash intact, list
 * oldest first, and revoke a valid token once. The store may be shared between tests: each uses names of its own.
 */
public interface ApiTokenStoreContract {

    ApiTokenStore tokens();

    /** Whole microseconds: what a database timestamp keeps. */
    Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static StoredToken token(String name, String role, Instant createdAt) {
        String id = UUID.randomUUID().toString().replace("-", "");
        byte[] hash = new byte[32];
        for (int i = 0; i < hash.length; i++) hash[i] = (byte) (id.charAt(i) * 31 + i);
        return new StoredToken(id, name, role, hash, createdAt, null);
    }

    @Test
    default void aTokenIsFoundByItsIdWithEveryFieldAsStored() {
        StoredToken t = token(unique("ci"), "read", T0);
        assertThat(tokens().add(t)).isTrue();
        StoredToken found = tokens().find(t.id()).orElseThrow();
        assertThat(found.id()).isEqualTo(t.id());
        assertThat(found.name()).isEqualTo(t.name());
        assertThat(found.role()).isEqualTo("read");
        assertThat(found.hash()).isEqualTo(t.hash());
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.revokedAt()).isNull();
        assertThat(tokens().find("no-such-id-" + UUID.randomUUID().toString().substring(0, 8))).isEmpty();
    }

    @Test
    default void aSecondTokenOfTheSameNameIsNotStored() {
        String name = unique("ops");
        StoredToken first = token(name, "admin", T0);
        StoredToken second = token(name, "read", T0.plusSeconds(1));
        assertThat(tokens().add(first)).isTrue();
        assertThat(tokens().add(second)).isFalse();
        assertThat(tokens().find(second.id())).isEmpty();
        assertThat(tokens().find(first.id()).orElseThrow().role()).isEqualTo("admin");
    }

    @Test
    default void aTokenWhoseIdIsTakenIsNotStoredAndTheFirstIsKept() {
        StoredToken first = token(unique("a"), "admin", T0);
        StoredToken clash = new StoredToken(first.id(), unique("b"), "read", new byte[32], T0, null);
        assertThat(tokens().add(first)).isTrue();
        assertThat(tokens().add(clash)).isFalse();
        assertThat(tokens().find(first.id()).orElseThrow().name()).isEqualTo(first.name());
    }

    @Test
    default void theListIsOldestFirstWhateverTheOrderOfAdding() {
        String tag = unique("order");
        StoredToken late = token(tag + "-late", "read", T0.plus(2, ChronoUnit.DAYS));
        StoredToken early = token(tag + "-early", "read", T0.minus(2, ChronoUnit.DAYS));
        StoredToken middle = token(tag + "-middle", "admin", T0);
        tokens().add(late);
        tokens().add(early);
        tokens().add(middle);
        assertThat(tokens().list().stream().map(StoredToken::name).filter(n -> n.startsWith(tag)))
                .containsExactly(early.name(), middle.name(), late.name());
    }

    @Test
    default void revokingMarksTheTokenOnceAndKeepsItListed() {
        StoredToken t = token(unique("gone"), "admin", T0);
        tokens().add(t);
        Instant at = T0.plus(3, ChronoUnit.HOURS);
        assertThat(tokens().revoke(t.name(), at)).isTrue();
        assertThat(tokens().find(t.id()).orElseThrow().revokedAt()).isEqualTo(at);
        assertThat(tokens().revoke(t.name(), at.plusSeconds(60))).as("already revoked").isFalse();
        assertThat(tokens().find(t.id()).orElseThrow().revokedAt()).isEqualTo(at);
        assertThat(tokens().list()).extracting(StoredToken::id).contains(t.id());
        assertThat(tokens().revoke(unique("never"), at)).isFalse();
    }

    @Test
    default void aRevokedTokensNameStaysTaken() {
        StoredToken t = token(unique("reuse"), "read", T0);
        tokens().add(t);
        tokens().revoke(t.name(), T0.plusSeconds(1));
        assertThat(tokens().add(token(t.name(), "read", T0.plusSeconds(2)))).isFalse();
    }
}

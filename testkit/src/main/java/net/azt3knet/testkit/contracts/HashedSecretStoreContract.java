package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import net.azt3knet.ports.out.access.HashedSecretStore;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HashedSecretStore} (API tokens, gateway users) must do: keep names unique, find a credential by
 * its key with its hash intact, list oldest first, and revoke a valid one once. The store may be shared between
 * tests: each uses names of its own. Each kind's contract extends this one with what only it has.
 *
 * @param <S> the stored credential
 */
public interface HashedSecretStoreContract<S extends HashedSecretStore.Stored> {

    HashedSecretStore<S> secrets();

    /** A new credential of this name with a key and a hash no other has, never revoked. */
    S aCredential(String name, Instant createdAt);

    /** Asserts that what only this kind stores (a role, domains) came back as it was stored. */
    void assertSameKindFields(S found, S stored);

    /** Whole microseconds: what a database timestamp keeps. */
    Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** 32 bytes that differ from one seed to the next. */
    static byte[] hashOf(String seed) {
        byte[] hash = new byte[32];
        for (int i = 0; i < hash.length; i++) hash[i] = (byte) (seed.charAt(i % seed.length()) * 31 + i);
        return hash;
    }

    @Test
    default void aCredentialIsFoundByItsKeyWithEveryFieldAsStored() {
        S s = aCredential(unique("ci"), T0);
        assertThat(secrets().add(s)).isTrue();
        S found = secrets().find(s.key()).orElseThrow();
        assertThat(found.key()).isEqualTo(s.key());
        assertThat(found.name()).isEqualTo(s.name());
        assertThat(found.hash()).isEqualTo(s.hash());
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.revokedAt()).isNull();
        assertSameKindFields(found, s);
        assertThat(secrets().find(unique("no-such-key"))).isEmpty();
    }

    @Test
    default void aSecondCredentialOfTheSameNameIsNotStoredAndTheFirstIsKept() {
        String name = unique("ops");
        S first = aCredential(name, T0);
        S second = aCredential(name, T0.plusSeconds(1));
        assertThat(secrets().add(first)).isTrue();
        assertThat(secrets().add(second)).isFalse();
        assertThat(secrets().list().stream().filter(s -> s.name().equals(name)))
                .singleElement().satisfies(s -> {
                    assertThat(s.key()).isEqualTo(first.key());
                    assertThat(s.hash()).isEqualTo(first.hash());
                    assertThat(s.createdAt()).isEqualTo(T0);
                });
    }

    @Test
    default void theListIsOldestFirstWhateverTheOrderOfAdding() {
        String tag = unique("order");
        S late = aCredential(tag + "-late", T0.plus(2, ChronoUnit.DAYS));
        S early = aCredential(tag + "-early", T0.minus(2, ChronoUnit.DAYS));
        S middle = aCredential(tag + "-middle", T0);
        S sameTime = aCredential(tag + "-a-same-time", T0);
        secrets().add(late);
        secrets().add(early);
        secrets().add(middle);
        secrets().add(sameTime);
        assertThat(secrets().list().stream().map(HashedSecretStore.Stored::name).filter(n -> n.startsWith(tag)))
                .as("by creation, then by name").containsExactly(early.name(), sameTime.name(), middle.name(), late.name());
    }

    @Test
    default void revokingMarksTheCredentialOnceAndKeepsItListed() {
        S s = aCredential(unique("gone"), T0);
        secrets().add(s);
        Instant at = T0.plus(3, ChronoUnit.HOURS);
        assertThat(secrets().revoke(s.name(), at)).isTrue();
        assertThat(secrets().find(s.key()).orElseThrow().revokedAt()).isEqualTo(at);
        assertThat(secrets().revoke(s.name(), at.plusSeconds(60))).as("already revoked").isFalse();
        assertThat(secrets().find(s.key()).orElseThrow().revokedAt()).isEqualTo(at);
        assertThat(secrets().find(s.key()).orElseThrow().hash()).isEqualTo(s.hash());
        assertThat(secrets().list()).extracting(HashedSecretStore.Stored::key).contains(s.key());
        assertThat(secrets().revoke(unique("never"), at)).isFalse();
    }

    @Test
    default void aRevokedCredentialsNameStaysTaken() {
        S s = aCredential(unique("reuse"), T0);
        secrets().add(s);
        secrets().revoke(s.name(), T0.plusSeconds(1));
        assertThat(secrets().add(aCredential(s.name(), T0.plusSeconds(2)))).isFalse();
    }
}

package net.azt3knet.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static List<AuditEntry> chain(int n) {
        AuditChain chain = AuditChain.continuing(0, AuditChain.GENESIS);
        List<AuditEntry> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(chain.append(AuditEvent.ok("alice", "thing.change", "thing:" + i, Map.of("n", "" + i)),
                    Instant.parse("2026-11-21T10:00:00.123456789Z").plusSeconds(i)));
        }
        return out;
    }

    private static String verify(List<AuditEntry> entries) {
        AuditChain.Verifier v = new AuditChain.Verifier();
        for (AuditEntry e : entries) if (!v.accept(e)) break;
        return v.problem();
    }

    @Test
    void entriesChainFromGenesisAndTimesKeepMicroseconds() {
        List<AuditEntry> entries = chain(3);
        assertThat(entries.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(entries.get(1).previousHash()).isEqualTo(entries.get(0).hash());
        assertThat(entries.get(0).occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:00:01.123456Z"));
        assertThat(verify(entries)).isNull();
    }

    @Test
    void theHashIsPinned() {
        // Changing the encoding would make every stored trail fail verification: pinned on purpose.
        AuditEntry first = chain(1).get(0);
        assertThat(first.hash()).isEqualTo(AuditChain.hash(1, first.occurredAt(), first.event(), AuditChain.GENESIS));
        assertThat(first.hash()).isEqualTo(PINNED);
    }

    // Computed independently: sha256 over "len:value;" of each field (docs/security.md), in Python.
    private static final String PINNED = "a91f619a1754d3fdb202ae8631580d1c2d4bfffcc75a39705b2c2abc358cae9e";

    @Test
    void modificationDeletionReorderingAndForgedLinksAreFound() {
        List<AuditEntry> e = chain(5);
        List<AuditEntry> modified = new ArrayList<>(e);
        AuditEntry third = e.get(2);
        modified.set(2, new AuditEntry(3, third.occurredAt(), AuditEvent.ok("mallory", "thing.change", "thing:3", Map.of("n", "3")),
                third.previousHash(), third.hash()));
        assertThat(verify(modified)).isEqualTo("entry 3 was modified: its hash does not match its content");

        List<AuditEntry> deleted = new ArrayList<>(e);
        deleted.remove(1);
        assertThat(verify(deleted)).isEqualTo("entry 3 follows entry 1: entries 2 were removed or moved");

        List<AuditEntry> reordered = new ArrayList<>(e);
        reordered.set(1, e.get(2));
        reordered.set(2, e.get(1));
        assertThat(verify(reordered)).isEqualTo("entry 3 follows entry 1: entries 2 were removed or moved");
        List<AuditEntry> duplicated = new ArrayList<>(e.subList(0, 3));
        duplicated.add(e.get(1));
        assertThat(verify(duplicated)).isEqualTo("entry 2 appears again after entry 3: entries were reordered or duplicated");

        // a rewritten entry with a recomputed hash still breaks the link to the next one
        AuditEntry forged = new AuditEntry(3, third.occurredAt(), AuditEvent.ok("mallory", "x", "y", Map.of()), third.previousHash(),
                AuditChain.hash(3, third.occurredAt(), AuditEvent.ok("mallory", "x", "y", Map.of()), third.previousHash()));
        List<AuditEntry> rewritten = new ArrayList<>(e);
        rewritten.set(2, forged);
        assertThat(verify(rewritten)).startsWith("entry 4 does not follow entry 3");
    }

    @Test
    void detailsThatLookLikeSecretsAreRefused() {
        for (String name : List.of("password", "new_password", "api_token", "master_key", "key", "secret", "private_key")) {
            assertThatThrownBy(() -> AuditEvent.ok("a", "b", "c", Map.of(name, "x"))).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("looks like a secret");
        }
        assertThat(AuditEvent.ok("a", "b", "c", Map.of("key_id", "k-1", "agents", "3")).details()).hasSize(2);
    }
}

package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.audit.AuditChain;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.audit.AuditTrail;
import org.junit.jupiter.api.Test;

/** What every {@link AuditTrail} must do. Tests tolerate entries written by other tests before them. */
public interface AuditTrailContract {

    AuditTrail audit();

    @Test
    default void entriesFormAnUnbrokenHashChain() {
        String target = "test:" + UUID.randomUUID();
        AuditEntry a = audit().append(AuditEvent.ok("alice", "thing.create", target, Map.of("size", "3")));
        AuditEntry b = audit().append(new AuditEvent("bob", "thing.delete", target, "failed", Map.of()));
        assertThat(b.sequence()).isEqualTo(a.sequence() + 1);
        assertThat(b.previousHash()).isEqualTo(a.hash());

        AuditChain.Verifier verifier = new AuditChain.Verifier();
        List<AuditEntry> all = new ArrayList<>();
        audit().scan(e -> {
            all.add(e);
            return verifier.accept(e);
        });
        assertThat(verifier.problem()).isNull();
        assertThat(verifier.head()).isEqualTo(b.hash());
        assertThat(all.get(all.size() - 1)).isEqualTo(b);
        assertThat(all).contains(a);
    }

    @Test
    default void listingFiltersByActionTargetAndTimeAndKeepsTheNewest() {
        String target = "test:" + UUID.randomUUID();
        Instant start = audit().append(AuditEvent.ok("t", "probe", target, Map.of())).occurredAt();
        audit().append(AuditEvent.ok("t", "population.persist", target, Map.of("n", "1")));
        audit().append(AuditEvent.ok("t", "population.delete", target, Map.of("n", "2")));
        audit().append(AuditEvent.ok("t", "populationish", target, Map.of()));
        audit().append(AuditEvent.ok("t", "population.persist", "test:other", Map.of()));

        assertThat(audit().list(new AuditQuery(null, "population", target, 100)))
                .extracting(e -> e.event().action()).containsExactly("population.persist", "population.delete");
        assertThat(audit().list(new AuditQuery(null, null, target, 2)))
                .extracting(e -> e.event().action()).containsExactly("population.delete", "populationish");
        assertThat(audit().list(new AuditQuery(start, null, target, 100))).hasSize(4);
        assertThat(audit().list(new AuditQuery(start.plusSeconds(3600), null, target, 100))).isEmpty();
        assertThat(audit().list(new AuditQuery(null, "population.delete", target, 100))).singleElement()
                .satisfies(e -> assertThat(e.event().details()).isEqualTo(Map.of("n", "2")));
    }

    @Test
    default void pagesBackwardsFromASequenceNumber() {
        String target = "test:" + UUID.randomUUID();
        List<AuditEntry> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) written.add(audit().append(AuditEvent.ok("t", "page.step", target, Map.of("i", "" + i))));
        List<AuditEntry> newest = audit().list(new AuditQuery(null, null, target, 2, null));
        assertThat(newest).containsExactly(written.get(3), written.get(4));
        List<AuditEntry> older = audit().list(new AuditQuery(null, null, target, 2, newest.get(0).sequence()));
        assertThat(older).containsExactly(written.get(1), written.get(2));
        assertThat(audit().list(new AuditQuery(null, null, target, 2, written.get(0).sequence()))).isEmpty();
    }
}

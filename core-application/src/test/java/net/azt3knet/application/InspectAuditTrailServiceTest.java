package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Locale;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import org.junit.jupiter.api.Test;

class InspectAuditTrailServiceTest {

    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private final InspectAuditTrailService service = new InspectAuditTrailService(trail);

    @Test
    void aMalformedExpectedHeadIsBadInputNotABrokenTrail() {
        trail.append(AuditEvent.ok("cli", "population.persist", "population:1", Map.of()));
        for (String bad : new String[] {"zzzz", "", "0".repeat(63), "g".repeat(64), "0".repeat(65)}) {
            assertThatThrownBy(() -> service.verify(bad)).isInstanceOf(RejectedCommandException.class)
                    .hasMessageContaining("--expect-head").hasMessageContaining("64 hexadecimal digits");
        }
    }

    @Test
    void aWellFormedHeadIsCheckedWhateverItsCase() {
        String head = trail.append(AuditEvent.ok("cli", "population.persist", "population:1", Map.of())).hash();
        trail.append(AuditEvent.ok("cli", "population.persist", "population:2", Map.of()));
        assertThat(service.verify(head.toUpperCase(Locale.ROOT)).intact()).isTrue();
        assertThat(service.verify("a".repeat(64)).problem()).contains("cut off the end");
    }
}

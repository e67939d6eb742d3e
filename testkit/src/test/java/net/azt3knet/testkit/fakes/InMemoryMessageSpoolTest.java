package net.azt3knet.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.MessageSpoolException;
import net.azt3knet.testkit.contracts.MessageSpoolContract;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

/** The spool fake obeys the contract the PostgreSQL spool runs. */
class InMemoryMessageSpoolTest implements MessageSpoolContract {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(clock);

    @Override
    public MessageSpool process(String name) {
        return spool.process(name);
    }

    @Override
    public SettableClock clock() {
        return clock;
    }

    @Test
    void aFailingSpoolKeepsNothing() {
        spool.failStores(true);
        assertThatThrownBy(() -> spool.store(MessageSpoolContract.anEnvelope("x@example.net"), MessageSpoolContract.aMessage("x")))
                .isInstanceOf(MessageSpoolException.class);
        spool.failStores(false);
        assertThat(spool.counts().values()).allMatch(n -> n == 0L);
    }
}

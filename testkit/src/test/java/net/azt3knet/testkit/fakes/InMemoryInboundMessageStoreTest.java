package net.azt3knet.testkit.fakes;

import java.time.Instant;
import net.azt3knet.ports.out.inbound.InboundMessageStore;
import net.azt3knet.testkit.contracts.InboundMessageStoreContract;
import org.junit.jupiter.api.BeforeEach;

class InMemoryInboundMessageStoreTest implements InboundMessageStoreContract {

    private InMemoryInboundMessageStore store;

    @BeforeEach
    void fresh() {
        store = new InMemoryInboundMessageStore(agent());
    }

    @Override
    public InboundMessageStore store() {
        return store;
    }

    @Override
    public String agent() {
        return "ada@pop.example.org";
    }

    @Override
    public void keepClear(String messageId, String recipient, String sender, String subject, String payload, Instant receivedAt) {
        store.keepClear(messageId, recipient, sender, subject, payload, receivedAt);
    }
}

package net.azt3knet.testkit.fakes;

import net.azt3knet.ports.out.spool.SuppressedRecipients;
import net.azt3knet.testkit.contracts.SuppressedRecipientsContract;

class InMemorySuppressedRecipientsTest implements SuppressedRecipientsContract {

    private final InMemorySuppressedRecipients list = new InMemorySuppressedRecipients();

    @Override
    public SuppressedRecipients list() {
        return list;
    }
}

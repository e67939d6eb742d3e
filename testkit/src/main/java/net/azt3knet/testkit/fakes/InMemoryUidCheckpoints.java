package net.azt3knet.testkit.fakes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.ports.out.responder.UidCheckpoints;

/** {@link UidCheckpoints} in memory. */
public final class InMemoryUidCheckpoints implements UidCheckpoints {

    private final Map<String, Checkpoint> byMailbox = new HashMap<>();

    @Override
    public synchronized Optional<Checkpoint> get(String mailbox) {
        return Optional.ofNullable(byMailbox.get(mailbox));
    }

    @Override
    public synchronized void save(String mailbox, Checkpoint checkpoint) {
        byMailbox.merge(mailbox, checkpoint, (old, now) ->
                old.uidValidity() == now.uidValidity() && old.lastUid() > now.lastUid() ? old : now);
    }
}

package net.azt3knet.ports.out.responder;

import java.util.Optional;

/** Driven port: how far the IMAP intake has read each mailbox (RFC 3501 UIDVALIDITY and the last UID handed over). */
public interface UidCheckpoints {

    record Checkpoint(long uidValidity, long lastUid) {
    }

    Optional<Checkpoint> get(String mailbox);

    /** Stores the checkpoint; a lower UID under the same UIDVALIDITY never replaces a higher one. */
    void save(String mailbox, Checkpoint checkpoint);
}

package net.azt3knet.ports.out.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.mailbox.LedgerMailbox;

/**
 * Driven port: Azt3kNet's own record of the mailboxes it made or adopted, per population and provider. A row is
 * written before a create is sent, so a mailbox whose create was interrupted is still known as ours.
 */
public interface MailboxLedger {

    /** The population's entries at {@code provider}, by lower-case address. */
    Map<String, LedgerMailbox> entries(UUID population, String provider);

    /** Every provider the population has entries at, with how many, by provider name. */
    Map<String, Long> providers(UUID population);

    /** Records that a create of {@code address} is under way for run {@code jobId} (replacing a previous entry). */
    void pending(UUID population, String provider, long agentIndex, String address, long jobId);

    /** Records the mailbox as made or adopted, with the provider's id and the password rotation set there (-1: none). */
    void active(UUID population, String provider, long agentIndex, String address, String reference, int appliedRotation);

    /** Forgets the entry: the mailbox was deleted. */
    void forget(UUID population, String provider, long agentIndex);

    /** The addresses run {@code jobId} created (pending or active), for compensation. */
    List<LedgerMailbox> createdBy(UUID population, String provider, long jobId);
}

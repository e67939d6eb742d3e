package net.azt3knet.ports.out.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.azt3knet.domain.audit.AuditEvent;

/** Driven port: the encrypted credentials stored with agents, read for export and re-encrypted on key rotation. */
public interface CredentialStore {

    /** Hands every credential of the population to {@code each}, in agent order; returns how many. */
    long credentials(UUID population, Consumer<StoredCredential> each);

    /**
     * The mailbox credential of the stored agent whose address is {@code email} (compared case-insensitively);
     * empty when no stored agent has it. Addresses are unique across populations.
     */
    Optional<StoredCredential> mailboxOf(String email);

    /**
     * Re-encrypts, in one transaction, every credential not yet sealed under {@code newKeyId} with {@code reseal},
     * and records {@code event} with the count. Credentials already under the new key are left alone, so running
     * it again after an interruption finishes the job. Returns how many were re-encrypted.
     */
    long reseal(String newKeyId, UnaryOperator<StoredCredential> reseal, AuditEvent event);

    /**
     * Ids of the keys the stored credentials are sealed under, sorted; empty when none is stored. Read from one
     * credential of each population: every write seals under the key already in use and a rotation re-encrypts all
     * of them in one transaction, so a population's credentials share one key, and looking at one is enough.
     */
    List<String> keyIds();

    /** Number of stored credentials sealed under each key id other than {@code keyId}. */
    long countNotUnder(String keyId);

    /**
     * Replaces one agent's credential by the next rotation's, recording {@code event} in the same transaction.
     *
     * @throws PopulationStoreException when the agent has no stored credential
     */
    void replace(StoredCredential next, AuditEvent event);
}

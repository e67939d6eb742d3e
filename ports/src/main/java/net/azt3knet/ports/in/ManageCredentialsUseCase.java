package net.azt3knet.ports.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.credential.MasterKey;

/** Driving port: the agents' stored credentials: rotate the key they are sealed under, export them. */
public interface ManageCredentialsUseCase {

    /**
     * What a rotation did.
     *
     * @param resealed credentials re-encrypted
     * @param mail     the kept mail re-encrypted
     * @param savedTo  the secret store the new key was written to, or null when it was not asked to save it
     */
    record RotationReport(String fromKeyId, String toKeyId, long resealed, MailRotation mail, String savedTo) {
    }

    /**
     * The kept mail a rotation re-encrypted.
     *
     * @param resealed messages re-encrypted in each place ({@code spool}, {@code mailboxes}, {@code responder_mail},
     *                 {@code responder_replies}), in that order
     * @param unopened messages that open under neither key (sealed under a third one, or altered): left as they are
     */
    record MailRotation(Map<String, Long> resealed, long unopened) {
        public MailRotation {
            resealed = Collections.unmodifiableMap(new LinkedHashMap<>(resealed));
        }

        /** All messages re-encrypted. */
        public long total() {
            return resealed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Re-encrypts every stored credential from the current master key to {@code newKey} in one transaction, then the
     * kept mail (the SMTP spool, the agents' mailboxes, the responder's mail and replies) a page at a time;
     * what is already under {@code newKey} is skipped, so an interrupted rotation is finished by running it again.
     * With {@code save}, the new key is then stored as the master key in the configured secret store.
     *
     * @throws RejectedCommandException before anything is written, when {@code save} is asked of a store that cannot
     *         be written
     */
    RotationReport rotate(MasterKey newKey, String actor, boolean save);

    /**
     * The population's credentials as CSV ({@code index,username,email,password,app_password}), sealed so that only the holder of
     * the secret key of {@code recipientPublicKey} can read it, in the export file format.
     */
    byte[] export(UUID population, byte[] recipientPublicKey, String actor);

    /** The same CSV in plain text: for an operator who asked for it explicitly. */
    byte[] exportPlaintext(UUID population, String actor);

    /**
     * Refuses the master key in use when the stored credentials are sealed under another. Every use case that seals
     * or opens credentials to write makes this check itself before writing anything; a surface that queues such a
     * write calls it to answer at once rather than with a failed job.
     *
     * @throws MasterKeyMismatchException when the stored credentials are sealed under another key
     */
    void checkMasterKey();
}

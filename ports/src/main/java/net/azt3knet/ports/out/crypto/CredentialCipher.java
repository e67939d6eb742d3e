package net.azt3knet.ports.out.crypto;

import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.credential.Secret;

/** Driven port: password derivation and credential encryption under one master key. */
public interface CredentialCipher {

    /** Id of the master key: a one-way digest, safe to store and show. */
    String keyId();

    /**
     * The agent's mailbox password, derived from the master key and {@code ref}: the same key and ref always give
     * the same password, which meets common provider rules (length 20, upper, lower, digit and symbol).
     */
    Secret derivePassword(CredentialRef ref);

    /**
     * The agent's app password (IMAP/SMTP only, for the tools that log in as the agent), derived one-way from its
     * mailbox password: it survives a key rotation and a recreate exactly as the mailbox password does, and knowing
     * it tells nothing about the mailbox password.
     */
    Secret deriveAppPassword(Secret mailboxPassword);

    /** Encrypts {@code secret} with a random nonce, bound to {@code ref}. */
    SealedCredential seal(CredentialRef ref, Secret secret);

    /**
     * Decrypts a credential sealed for {@code ref}.
     *
     * @throws CredentialCryptoException when it was sealed under another key or was altered
     */
    Secret open(CredentialRef ref, SealedCredential sealed);

    /**
     * Encrypts stored mail ({@code context} names what it is, e.g. {@code responder.mail}, and is bound to the box so a
     * box cannot be moved to another use), with a key derived from the master key and a random nonce.
     */
    byte[] sealContent(String context, byte[] plaintext);

    /**
     * Opens a box made by {@link #sealContent} for the same {@code context}.
     *
     * @throws CredentialCryptoException when it was sealed under another key or context, or altered
     */
    byte[] openContent(String context, byte[] box);
}

package net.azt3knet.testkit.fakes;

import java.nio.charset.StandardCharsets;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.crypto.CredentialCipher;

/**
 * A stand-in cipher with readable "derivation" ({@code pw-<index>-<rotation>}) and "sealing" (the plain bytes): enough
 * to see what a service passes where, without libsodium.
 */
public final class TransparentCredentialCipher implements CredentialCipher {

    private final String keyId;

    /** Under key id {@code k-test}. */
    public TransparentCredentialCipher() {
        this("k-test");
    }

    /** Under another key id: stands for another master key. */
    public TransparentCredentialCipher(String keyId) {
        this.keyId = keyId;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public Secret deriveAppPassword(Secret mailboxPassword) {
        return Secret.of("app-" + mailboxPassword.reveal());
    }

    @Override
    public Secret derivePassword(CredentialRef ref) {
        return Secret.of("pw-" + ref.agentIndex() + "-" + ref.rotation());
    }

    @Override
    public SealedCredential seal(CredentialRef ref, Secret secret) {
        return new SealedCredential(keyId, ref.bytes(), secret.reveal().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Secret open(CredentialRef ref, SealedCredential sealed) {
        return Secret.of(new String(sealed.ciphertext(), StandardCharsets.UTF_8));
    }

    /** {@code context + ":" + keyId + ":"} then the plain bytes: readable, and refused under another context or key. */
    @Override
    public byte[] sealContent(String context, byte[] plaintext) {
        byte[] head = (context + ":" + keyId + ":").getBytes(StandardCharsets.UTF_8);
        byte[] box = java.util.Arrays.copyOf(head, head.length + plaintext.length);
        System.arraycopy(plaintext, 0, box, head.length, plaintext.length);
        return box;
    }

    @Override
    public byte[] openContent(String context, byte[] box) {
        byte[] head = (context + ":" + keyId + ":").getBytes(StandardCharsets.UTF_8);
        if (box.length < head.length || !java.util.Arrays.equals(box, 0, head.length, head, 0, head.length)) {
            throw new net.azt3knet.ports.out.crypto.CredentialCryptoException("sealed under another key or context");
        }
        return java.util.Arrays.copyOfRange(box, head.length, box.length);
    }
}

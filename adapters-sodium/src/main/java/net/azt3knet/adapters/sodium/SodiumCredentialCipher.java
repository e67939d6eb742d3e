package net.azt3knet.adapters.sodium;

import com.goterl.lazysodium.SodiumJava;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;

/**
 * One master key's cipher. Three subkeys come from the master key by {@code crypto_kdf} (BLAKE2b), one to derive
 * passwords, one to encrypt credentials and one to encrypt stored mail, so no use weakens another; the key id is a
 * keyed hash that names the key without revealing it.
 *
 * <p>A content box is {@code version (1) || nonce (24) || XChaCha20-Poly1305 ciphertext and tag}, with the version, a
 * label and the caller's context as associated data: a box opens only under its key and for the use it was sealed for.
 */
final class SodiumCredentialCipher implements CredentialCipher {

    private static final int NONCE_BYTES = 24; // XChaCha20: random nonces never collide in practice
    private static final int TAG_BYTES = 16;
    private static final byte[] AD_PREFIX = "azt3knet/credential/v1".getBytes(StandardCharsets.US_ASCII);
    static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    static final String DIGITS = "23456789";
    static final String SYMBOLS = "-_.!#%+=";
    private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;
    private static final String[] CLASSES = {UPPER, LOWER, DIGITS, SYMBOLS};
    static final int PASSWORD_LENGTH = 20;

    private final SodiumJava sodium;
    private final byte[] passwordKey = new byte[32];
    private final byte[] encryptionKey = new byte[32];
    private final byte[] contentKey = new byte[32];
    private final String keyId;

    SodiumCredentialCipher(SodiumJava sodium, MasterKey key) {
        this.sodium = sodium;
        byte[] master = key.bytes();
        try {
            Sodium.check(sodium.crypto_kdf_derive_from_key(passwordKey, 32, 1, context("azpasswd"), master), "crypto_kdf");
            Sodium.check(sodium.crypto_kdf_derive_from_key(encryptionKey, 32, 2, context("azkvenc1"), master), "crypto_kdf");
            Sodium.check(sodium.crypto_kdf_derive_from_key(contentKey, 32, 3, context("azmail01"), master), "crypto_kdf");
            byte[] id = new byte[16];
            byte[] label = "azt3knet key id v1".getBytes(StandardCharsets.US_ASCII);
            Sodium.check(sodium.crypto_generichash(id, id.length, label, label.length, master, master.length), "crypto_generichash");
            this.keyId = "k-" + HexFormat.of().formatHex(id, 0, 8);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /** The app password's hash key: a public label, because the input is already secret and key-independent. */
    private static final byte[] APP_PASSWORD_LABEL = "azt3knet app password v1".getBytes(StandardCharsets.US_ASCII);

    private static byte[] context(String eightChars) {
        return eightChars.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public Secret derivePassword(CredentialRef ref) {
        return derive(Arrays.copyOf(ref.bytes(), 29), 28, passwordKey);
    }

    @Override
    public Secret deriveAppPassword(Secret mailboxPassword) {
        byte[] password = mailboxPassword.reveal().getBytes(StandardCharsets.UTF_8);
        byte[] in = Arrays.copyOf(password, password.length + 1);
        Arrays.fill(password, (byte) 0);
        try {
            return derive(in, in.length - 1, APP_PASSWORD_LABEL);
        } finally {
            Arrays.fill(in, (byte) 0);
        }
    }

    /** A password from the hash of {@code in} keyed with {@code key}; byte {@code part} of {@code in} is the part counter. */
    private Secret derive(byte[] in, int partAt, byte[] key) {
        byte[] material = new byte[128];
        byte[] half = new byte[64];
        for (int part = 0; part < 2; part++) {
            in[partAt] = (byte) part;
            Sodium.check(sodium.crypto_generichash(half, 64, in, in.length, key, key.length), "crypto_generichash");
            System.arraycopy(half, 0, material, part * 64, 64);
        }
        char[] chars = new char[PASSWORD_LENGTH];
        int at = 0;
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            String alphabet = i < CLASSES.length ? CLASSES[i] : ALL; // one of each class, the rest from all
            chars[i] = alphabet.charAt(pick(material, at, alphabet.length()));
            at += 2;
        }
        for (int i = PASSWORD_LENGTH - 1; i > 0; i--) { // Fisher-Yates, so the classes are not in fixed places
            int j = pick(material, at, i + 1);
            at += 2;
            char t = chars[i];
            chars[i] = chars[j];
            chars[j] = t;
        }
        Arrays.fill(material, (byte) 0);
        Arrays.fill(half, (byte) 0);
        return Secret.of(new String(chars));
    }

    /** 16 bits scaled to {@code n}: a bias below n/65536, far under what a guesser could use. */
    private static int pick(byte[] material, int at, int n) {
        int v = ((material[at] & 0xff) << 8) | (material[at + 1] & 0xff);
        return (v * n) >>> 16;
    }

    @Override
    public SealedCredential seal(CredentialRef ref, Secret secret) {
        byte[] plain = secret.reveal().getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        sodium.randombytes_buf(nonce, NONCE_BYTES);
        byte[] ad = ad(ref);
        byte[] cipher = new byte[plain.length + TAG_BYTES];
        long[] len = new long[1];
        Sodium.check(sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(cipher, len, plain, plain.length, ad, ad.length,
                null, nonce, encryptionKey), "encrypt");
        Arrays.fill(plain, (byte) 0);
        return new SealedCredential(keyId, nonce, cipher);
    }

    @Override
    public Secret open(CredentialRef ref, SealedCredential sealed) {
        if (!sealed.keyId().equals(keyId)) {
            throw new CredentialCryptoException("the credential of agent " + ref.agentIndex() + " was sealed under key "
                    + sealed.keyId() + ", but the key given is " + keyId + "; set SECRET_KEY_FOR_KV_ENC to the key it was"
                    + " sealed with (or rotate with both keys: azt3knet keys rotate)");
        }
        byte[] cipher = sealed.ciphertext();
        if (cipher.length < TAG_BYTES) throw new CredentialCryptoException("the credential of agent " + ref.agentIndex() + " is truncated");
        byte[] plain = new byte[cipher.length - TAG_BYTES];
        byte[] ad = ad(ref);
        long[] len = new long[1];
        if (sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(plain, len, null, cipher, cipher.length, ad, ad.length,
                sealed.nonce(), encryptionKey) != 0) {
            throw new CredentialCryptoException("the credential of agent " + ref.agentIndex() + " does not decrypt under key "
                    + keyId + ": it was altered or moved from another row");
        }
        String s = new String(plain, StandardCharsets.UTF_8);
        Arrays.fill(plain, (byte) 0);
        return Secret.of(s);
    }

    private static byte[] ad(CredentialRef ref) {
        byte[] r = ref.bytes();
        byte[] ad = Arrays.copyOf(AD_PREFIX, AD_PREFIX.length + r.length);
        System.arraycopy(r, 0, ad, AD_PREFIX.length, r.length);
        return ad;
    }

    @Override
    public String toString() {
        return "SodiumCredentialCipher[" + keyId + "]";
    }

    private static final byte CONTENT_VERSION = 1;
    private static final byte[] CONTENT_AD_PREFIX = "azt3knet/content/v1/".getBytes(StandardCharsets.US_ASCII);
    private static final int CONTENT_HEAD = 1 + NONCE_BYTES;

    @Override
    public byte[] sealContent(String context, byte[] plaintext) {
        byte[] ad = contentAd(context);
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        sodium.randombytes_buf(nonce, NONCE_BYTES);
        byte[] cipher = new byte[plaintext.length + TAG_BYTES];
        long[] len = new long[1];
        Sodium.check(sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(cipher, len, plaintext, plaintext.length, ad, ad.length,
                null, nonce, contentKey), "encrypt");
        byte[] box = new byte[CONTENT_HEAD + cipher.length];
        box[0] = CONTENT_VERSION;
        System.arraycopy(nonce, 0, box, 1, NONCE_BYTES);
        System.arraycopy(cipher, 0, box, CONTENT_HEAD, cipher.length);
        return box;
    }

    @Override
    public byte[] openContent(String context, byte[] box) {
        byte[] ad = contentAd(context);
        Objects.requireNonNull(box, "box");
        if (box.length < CONTENT_HEAD + TAG_BYTES) {
            throw new CredentialCryptoException("the stored " + context + " is truncated (" + box.length + " bytes)");
        }
        if (box[0] != CONTENT_VERSION) {
            throw new CredentialCryptoException("the stored " + context + " has format version " + (box[0] & 0xff)
                    + ", this release reads version " + CONTENT_VERSION);
        }
        byte[] nonce = Arrays.copyOfRange(box, 1, CONTENT_HEAD);
        byte[] cipher = Arrays.copyOfRange(box, CONTENT_HEAD, box.length);
        byte[] plain = new byte[cipher.length - TAG_BYTES];
        long[] len = new long[1];
        if (sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(plain, len, null, cipher, cipher.length, ad, ad.length,
                nonce, contentKey) != 0) {
            throw new CredentialCryptoException("the stored " + context + " does not decrypt under key " + keyId
                    + ": it was sealed under another key or for another use, or altered");
        }
        return plain;
    }

    /** Version, label and context: what a box is bound to besides its key. */
    private static byte[] contentAd(String context) {
        Objects.requireNonNull(context, "context");
        if (context.isBlank()) throw new IllegalArgumentException("the content context must name what is stored, e.g. responder.mail");
        byte[] c = context.getBytes(StandardCharsets.UTF_8);
        byte[] ad = new byte[1 + CONTENT_AD_PREFIX.length + c.length];
        ad[0] = CONTENT_VERSION;
        System.arraycopy(CONTENT_AD_PREFIX, 0, ad, 1, CONTENT_AD_PREFIX.length);
        System.arraycopy(c, 0, ad, 1 + CONTENT_AD_PREFIX.length, c.length);
        return ad;
    }
}

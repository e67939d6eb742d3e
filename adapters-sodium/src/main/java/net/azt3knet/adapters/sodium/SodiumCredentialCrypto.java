package net.azt3knet.adapters.sodium;

import com.goterl.lazysodium.SodiumJava;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCrypto;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;
import net.azt3knet.ports.out.crypto.RecipientKeys;

/**
 * {@link CredentialCrypto} on libsodium (lazysodium; the native library ships inside its jar): BLAKE2b key
 * derivation, XChaCha20-Poly1305 for credentials at rest, X25519 sealed boxes for export.
 */
public final class SodiumCredentialCrypto implements CredentialCrypto {

    private static final int SEAL_BYTES = 48; // crypto_box_SEALBYTES: ephemeral public key + MAC

    private final SodiumJava sodium;

    public SodiumCredentialCrypto() {
        this.sodium = Sodium.get();
    }

    @Override
    public CredentialCipher cipher(MasterKey key) {
        return new SodiumCredentialCipher(sodium, key);
    }

    @Override
    public MasterKey newMasterKey() {
        byte[] raw = new byte[MasterKey.BYTES];
        sodium.randombytes_buf(raw, raw.length);
        try {
            return MasterKey.of(raw);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public RecipientKeys newRecipientKeys() {
        byte[] pk = new byte[RecipientKeys.BYTES];
        byte[] sk = new byte[RecipientKeys.BYTES];
        Sodium.check(sodium.crypto_box_keypair(pk, sk), "crypto_box_keypair");
        return new RecipientKeys(pk, sk);
    }

    @Override
    public RecipientKeys recipientKeys(byte[] secretKey) {
        if (secretKey == null || secretKey.length != RecipientKeys.BYTES) {
            throw new CredentialCryptoException("a recipient secret key has " + RecipientKeys.BYTES + " bytes");
        }
        byte[] pk = new byte[RecipientKeys.BYTES];
        Sodium.check(sodium.crypto_scalarmult_base(pk, secretKey), "crypto_scalarmult_base");
        return new RecipientKeys(pk, secretKey);
    }

    @Override
    public byte[] sealFor(byte[] recipientPublicKey, byte[] plaintext) {
        if (recipientPublicKey == null || recipientPublicKey.length != RecipientKeys.BYTES) {
            throw new CredentialCryptoException("a recipient public key has " + RecipientKeys.BYTES + " bytes");
        }
        byte[] box = new byte[plaintext.length + SEAL_BYTES];
        Sodium.check(sodium.crypto_box_seal(box, plaintext, plaintext.length, recipientPublicKey), "crypto_box_seal");
        return box;
    }

    @Override
    public byte[] openSealed(RecipientKeys keys, byte[] box) {
        if (box.length < SEAL_BYTES) throw new CredentialCryptoException("the sealed box is truncated");
        byte[] plain = new byte[box.length - SEAL_BYTES];
        if (sodium.crypto_box_seal_open(plain, box, box.length, keys.publicKey(), keys.secretKey()) != 0) {
            throw new CredentialCryptoException("the sealed box cannot be opened with this key pair: it was sealed for"
                    + " another recipient, or altered");
        }
        return plain;
    }
}

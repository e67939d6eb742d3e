package net.azt3knet.domain.credential;

import java.util.Arrays;
import java.util.Base64;

/**
 * The 32-byte master key ({@code SECRET_KEY_FOR_KV_ENC}, base64) from which agent passwords are derived and with
 * which stored credentials are encrypted. Holds a copy of the bytes; {@link #toString()} shows only the key id.
 */
public final class MasterKey {

    /** Length of the key in bytes. */
    public static final int BYTES = 32;
    /** The variable operators set it in. */
    public static final String VARIABLE = "SECRET_KEY_FOR_KV_ENC";
    /** How to make one, for error messages. */
    public static final String HOW_TO_CREATE = "create one with 'azt3knet keys generate' and set it as " + VARIABLE
            + " (environment, .env, config file or secret store; see docs/security.md)";

    private final byte[] bytes;

    private MasterKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A key from its 32 raw bytes. */
    public static MasterKey of(byte[] raw) {
        if (raw == null || raw.length != BYTES) {
            throw new InvalidMasterKeyException("a master key has " + BYTES + " bytes, not "
                    + (raw == null ? 0 : raw.length) + "; " + HOW_TO_CREATE);
        }
        return new MasterKey(raw.clone());
    }

    /**
     * Parses the base64 text form (standard or URL-safe alphabet, padding optional). The message of a failure
     * names the variable and how to create a key, never the text itself.
     */
    public static MasterKey parse(String source, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new InvalidMasterKeyException(source + " is empty; " + HOW_TO_CREATE);
        }
        byte[] raw;
        try {
            String t = base64.strip();
            raw = t.indexOf('-') >= 0 || t.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new InvalidMasterKeyException(source + " is not base64; " + HOW_TO_CREATE);
        }
        if (raw.length != BYTES) {
            throw new InvalidMasterKeyException(source + " decodes to " + raw.length + " bytes, a master key has " + BYTES
                    + "; " + HOW_TO_CREATE);
        }
        return new MasterKey(raw);
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The base64 text form, for printing a newly generated key once. */
    public String encode() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKey other && java.security.MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "MasterKey[***]";
    }

    /** Wipes this copy of the key (best effort: the JVM may have copied it). */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }
}

package net.azt3knet.domain.agent;

import java.util.Arrays;

/** A growable UTF-8 byte buffer with the JSON string escaping the canonical encoding uses. */
public final class ByteBuilder {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] bytes;
    private int length;
    private char[] chars = new char[64];

    public ByteBuilder(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Bytes written so far. */
    public int length() {
        return length;
    }

    /** The backing array; valid up to {@link #length()}. */
    public byte[] array() {
        return bytes;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /**
     * Makes room for {@code extra} more bytes, for writers that fill {@link #array()} directly and then call
     * {@link #setLength}; returns the backing array, which may have been replaced.
     */
    public byte[] reserve(int extra) {
        ensure(extra);
        return bytes;
    }

    /** Sets the number of valid bytes after a direct write into {@link #array()} (within the reserved room). */
    public void setLength(int newLength) {
        if (newLength < 0 || newLength > bytes.length) throw new IndexOutOfBoundsException(newLength);
        length = newLength;
    }

    /** Forgets what was written, keeping the capacity. */
    public void clear() {
        length = 0;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }

    /** Appends one ASCII byte. */
    public ByteBuilder append(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Appends bytes already encoded (pre-encoded JSON string content, ASCII names). */
    public ByteBuilder bytes(byte[] src) {
        return bytes(src, src.length);
    }

    /** Appends the first {@code n} bytes of {@code src}. */
    public ByteBuilder bytes(byte[] src, int n) {
        ensure(n);
        System.arraycopy(src, 0, bytes, length, n);
        length += n;
        return this;
    }

    /** Appends text known to be ASCII with nothing to escape (field names, codes, numbers). */
    @SuppressWarnings("deprecation") // the low-byte copy is exactly right for ASCII, and a plain array copy for Latin-1 strings
    public ByteBuilder ascii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, bytes, length);
        length += n;
        return this;
    }

    /** Appends a decimal number. */
    public ByteBuilder number(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) return ascii(Long.toString(value));
            append('-');
            value = -value;
        }
        ensure(20);
        length = decimal(bytes, length, value);
        return this;
    }

    /** Writes non-negative {@code value} in decimal at {@code at}; returns the index after it (caller ensures room). */
    public static int decimal(byte[] into, int at, long value) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) digits++;
        for (int i = at + digits - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }

    /** Writes the low {@code digits} hex digits of {@code value} at {@code at}; returns the index after them. */
    public static int hex(byte[] into, int at, long value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            into[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return at + digits;
    }

    /** Appends the low {@code digits} hex digits of {@code value}, lower case, most significant first. */
    public ByteBuilder hex(long value, int digits) {
        ensure(digits);
        length = hex(bytes, length, value, digits);
        return this;
    }

    /** Appends {@code value} zero-padded to {@code width} digits (dates). */
    public ByteBuilder padded(int value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            bytes[length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
        return this;
    }

    /** Appends text as UTF-8 without quoting or escaping (CSV and table cells). */
    public ByteBuilder utf8(String s) {
        int n = s.length();
        ensure(n * 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) bytes[length++] = (byte) c;
            else i = encode(s, i, c);
        }
        return this;
    }

    /** Appends text as a quoted JSON string: only quotes, backslashes and control characters are escaped. */
    @SuppressWarnings("deprecation") // see ascii(): used only for a prefix checked to be plain ASCII
    public ByteBuilder jsonString(String s) {
        int n = s.length();
        ensure(n * 6 + 2);
        if (chars.length < n) chars = new char[Math.max(n, chars.length * 2)];
        s.getChars(0, n, chars, 0); // one bulk copy; charAt per character costs far more
        char[] cs = chars;
        int clean = 0;
        while (clean < n) {
            char c = cs[clean];
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
            clean++;
        }
        bytes[length++] = '"';
        s.getBytes(0, clean, bytes, length); // the plain-ASCII prefix: low bytes are the bytes
        length += clean;
        for (int i = clean; i < n; i++) {
            char c = cs[i];
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                bytes[length++] = (byte) c;
            } else if (c == '"' || c == '\\') {
                bytes[length++] = '\\';
                bytes[length++] = (byte) c;
            } else if (c < 0x20) {
                escapeControl(c);
            } else {
                i = encode(s, i, c);
            }
        }
        bytes[length++] = '"';
        return this;
    }

    private void escapeControl(char c) {
        bytes[length++] = '\\';
        switch (c) {
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            case '\b' -> bytes[length++] = 'b';
            case '\f' -> bytes[length++] = 'f';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xF];
            }
        }
    }

    /** UTF-8 of the non-ASCII char at {@code i}; returns the index of the last char consumed. */
    private int encode(String s, int i, char c) {
        if (c < 0x800) {
            bytes[length++] = (byte) (0xC0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            bytes[length++] = (byte) (0xF0 | (cp >> 18));
            bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        }
        if (Character.isSurrogate(c)) c = '\uFFFD'; // lone surrogate: replacement character, never invalid UTF-8
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
        return i;
    }
}

package net.azt3knet.domain.generation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.azt3knet.domain.agent.ByteBuilder;

/**
 * Text encoded once for the fast canonical-JSON path: JSON string content (escaped UTF-8, no quotes). Escaping is
 * per character, so the content of a concatenation is the concatenation of the contents.
 */
final class Texts {

    private Texts() {
    }

    /** JSON string content of {@code s}: what {@link ByteBuilder#jsonString} writes between the quotes. */
    static byte[] json(String s) {
        ByteBuilder b = new ByteBuilder(s.length() + 8);
        b.jsonString(s);
        return Arrays.copyOfRange(b.array(), 1, b.length() - 1);
    }

    static byte[][] json(String[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) out[i] = json(values[i]);
        return out;
    }

    static byte[][] json(List<String> values) {
        return json(values.toArray(String[]::new));
    }

    /** UTF-8 text as JSON string content: the same array when nothing needs escaping, as for all reference data. */
    static byte[][] json(byte[][] utf8) {
        byte[][] out = new byte[utf8.length][];
        for (int i = 0; i < utf8.length; i++) out[i] = needsEscaping(utf8[i]) ? json(string(utf8[i])) : utf8[i];
        return out;
    }

    private static boolean needsEscaping(byte[] utf8) {
        for (byte b : utf8) {
            if ((b >= 0 && b < 0x20) || b == '"' || b == '\\') return true;
        }
        return false;
    }

    static String string(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Collects slices of a UTF-8 file as separate arrays. */
    static final class Builder {
        private byte[][] items = new byte[64][];
        private int size;

        void add(byte[] source, int from, int to) {
            if (size == items.length) items = Arrays.copyOf(items, size * 2);
            items[size++] = Arrays.copyOfRange(source, from, to);
        }

        byte[][] raw() {
            return Arrays.copyOf(items, size);
        }
    }
}

package net.azt3knet.domain.generation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.azt3knet.domain.agent.ByteBuilder;

/**
 * Text encoded once for the fast canonical-JSON path: JSON string content (escaped UTF-8, no quotes) and ASCII
 * bytes. Escaping is per character, so the content of a concatenation is the concatenation of the contents.
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

    /** ASCII bytes (usernames are ASCII by construction). */
    static byte[][] ascii(String[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) out[i] = values[i].getBytes(StandardCharsets.US_ASCII);
        return out;
    }
}

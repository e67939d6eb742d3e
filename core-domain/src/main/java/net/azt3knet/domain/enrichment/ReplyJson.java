package net.azt3knet.domain.enrichment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the JSON a model answers with (RFC 8259): objects, arrays, strings, numbers, literals. The
 * domain has no JSON library, and a model's reply is untrusted input that must be checked here, not by an adapter.
 */
final class ReplyJson {

    private static final int MAX_DEPTH = 16;
    private final String s;
    private int i;

    private ReplyJson(String s) {
        this.s = s;
    }

    /**
     * The value of {@code text}: a {@code Map<String,Object>}, {@code List<Object>}, {@code String}, {@code Double},
     * {@code Boolean} or null.
     *
     * @throws IllegalArgumentException saying where the text stops being JSON
     */
    static Object parse(String text) {
        ReplyJson r = new ReplyJson(text);
        r.space();
        Object v = r.value(0);
        r.space();
        if (r.i != text.length()) throw r.error("text after the JSON value");
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw error("nested too deeply");
        if (i >= s.length()) throw error("a value is missing");
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        space();
        if (peek('}')) return map;
        while (true) {
            space();
            if (i >= s.length() || s.charAt(i) != '"') throw error("a member name in quotes is expected");
            String name = string();
            space();
            expect(':');
            space();
            map.put(name, value(depth + 1));
            space();
            if (peek('}')) return map;
            expect(',');
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        i++;
        space();
        if (peek(']')) return list;
        while (true) {
            space();
            list.add(value(depth + 1));
            space();
            if (peek(']')) return list;
            expect(',');
        }
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw error("control character in a string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) throw error("unterminated escape");
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) throw error("short \\u escape");
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Double number() {
        int start = i;
        if (s.charAt(i) == '-') i++;
        while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) i++;
        try {
            return Double.parseDouble(s.substring(start, i));
        } catch (NumberFormatException x) {
            throw error("bad number");
        }
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) throw error("unexpected text");
        i += word.length();
        return v;
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) throw error("'" + c + "' expected");
    }

    private void space() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not JSON at character " + (i + 1) + ": " + what);
    }
}

package net.azt3knet.domain.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Record data in one canonical presentation form, so that two spellings of the same data compare equal: host names
 * lower-case with a trailing dot, IPv4 without leading zeros, IPv6 in RFC 5952 form, TXT as its logical text split
 * into quoted strings of at most 255 bytes. Most endless-rewrite bugs of DNS tools came from comparing spellings.
 */
public final class Rdata {

    /** Longest character-string in a TXT record (RFC 1035 §3.3). */
    public static final int TXT_CHUNK = 255;

    private Rdata() {
    }

    /**
     * The canonical form of {@code value}, given in zone-file presentation format for {@code type}.
     *
     * @throws IllegalArgumentException naming the type and value when it cannot be read
     */
    public static String normalize(String type, String value) {
        String v = value.strip();
        try {
            return switch (type) {
                case "A" -> ipv4(v);
                case "AAAA" -> ipv6(v);
                case "CNAME", "NS", "PTR", "DNAME" -> host(v);
                case "MX" -> {
                    String[] p = fields(v, 2, type);
                    yield Integer.parseInt(p[0]) + " " + host(p[1]);
                }
                case "SRV" -> {
                    String[] p = fields(v, 4, type);
                    yield Integer.parseInt(p[0]) + " " + Integer.parseInt(p[1]) + " " + Integer.parseInt(p[2]) + " " + host(p[3]);
                }
                case "TXT", "SPF" -> txt(txtText(v));
                default -> v.replaceAll("\\s+", " ");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(type + " record '" + value + "' has a number that is not one");
        }
    }

    /** A host name in canonical form: lower-case, with a trailing dot. */
    public static String host(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.contains(" ")) throw new IllegalArgumentException("'" + name + "' is not a host name");
        return n.endsWith(".") ? n : n + ".";
    }

    /** A TXT record holding {@code text}, quoted and split into strings of at most 255 bytes. */
    public static String txt(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        int start = 0;
        do {
            int end = Math.min(bytes.length, start + TXT_CHUNK);
            // never cut a UTF-8 sequence in two
            while (end < bytes.length && end > start && (bytes[end] & 0xC0) == 0x80) end--;
            if (out.length() > 0) out.append(' ');
            out.append('"');
            for (char c : new String(bytes, start, end - start, StandardCharsets.UTF_8).toCharArray()) {
                if (c == '"' || c == '\\') out.append('\\');
                out.append(c);
            }
            out.append('"');
            start = end;
        } while (start < bytes.length);
        return out.toString();
    }

    /**
     * The logical text of a TXT record in presentation format: its character-strings (quoted, or bare words)
     * joined, escapes ({@code \"}, {@code \\}, {@code \DDD}) resolved.
     */
    public static String txtText(String presentation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(presentation.length());
        String s = presentation.strip();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean quoted = c == '"';
            if (quoted) i++;
            while (i < s.length()) {
                c = s.charAt(i);
                if (quoted ? c == '"' : Character.isWhitespace(c)) break;
                if (c == '\\' && i + 1 < s.length()) {
                    if (i + 3 < s.length() && isDigits(s, i + 1)) {
                        out.write(Integer.parseInt(s.substring(i + 1, i + 4)));
                        i += 4;
                    } else {
                        out.writeBytes(String.valueOf(s.charAt(i + 1)).getBytes(StandardCharsets.UTF_8));
                        i += 2;
                    }
                    continue;
                }
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                i++;
            }
            if (quoted) {
                if (i >= s.length()) throw new IllegalArgumentException("TXT record " + presentation + " has an unclosed quote");
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isDigits(String s, int from) {
        for (int k = from; k < from + 3; k++) if (!Character.isDigit(s.charAt(k))) return false;
        return true;
    }

    private static String[] fields(String v, int n, String type) {
        String[] p = v.split("\\s+");
        if (p.length != n) throw new IllegalArgumentException(type + " record '" + v + "' needs " + n + " fields");
        return p;
    }

    /** An IPv4 address in dotted-quad form without leading zeros. */
    public static String ipv4(String v) {
        String[] p = v.strip().split("\\.", -1);
        if (p.length != 4) throw new IllegalArgumentException("'" + v + "' is not an IPv4 address");
        StringBuilder out = new StringBuilder(15);
        for (String part : p) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("'" + v + "' is not an IPv4 address");
            }
            if (out.length() > 0) out.append('.');
            out.append(Integer.parseInt(part));
        }
        return out.toString();
    }

    /** An IPv6 address in RFC 5952 form: lower-case, no leading zeros, the longest run of zero groups as {@code ::}. */
    public static String ipv6(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        int[] groups = new int[8];
        int count;
        try {
            int gap = s.indexOf("::");
            if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) throw new IllegalArgumentException();
            if (gap < 0) {
                count = parseGroups(s, groups, 0);
                if (count != 8) throw new IllegalArgumentException();
            } else {
                int[] head = new int[8];
                int[] tail = new int[8];
                int h = gap == 0 ? 0 : parseGroups(s.substring(0, gap), head, 0);
                int t = gap + 2 == s.length() ? 0 : parseGroups(s.substring(gap + 2), tail, 0);
                if (h + t > 7) throw new IllegalArgumentException();
                System.arraycopy(head, 0, groups, 0, h);
                System.arraycopy(tail, 0, groups, 8 - t, t);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + v + "' is not an IPv6 address");
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Reads colon-separated groups (the last may be a dotted IPv4) into {@code into}; returns how many. */
    private static int parseGroups(String s, int[] into, int at) {
        String[] parts = s.split(":", -1);
        int n = at;
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            if (k == parts.length - 1 && p.contains(".")) {
                String[] q = ipv4(p).split("\\.");
                into[n++] = Integer.parseInt(q[0]) << 8 | Integer.parseInt(q[1]);
                into[n++] = Integer.parseInt(q[2]) << 8 | Integer.parseInt(q[3]);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException();
            }
            into[n++] = Integer.parseInt(p, 16);
        }
        return n - at;
    }
}

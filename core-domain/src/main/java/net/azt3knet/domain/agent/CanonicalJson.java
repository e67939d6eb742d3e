package net.azt3knet.domain.agent;

import java.time.LocalDate;
import java.util.List;

/**
 * The canonical JSON form of an agent: fields in {@link AgentProfile} component order, snake_case names, no
 * insignificant white space, UTF-8, minimal escaping. Golden hashes are taken over this form, so it is frozen
 * with the generator epoch.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** One agent as a canonical JSON object (no trailing newline). */
    public static void append(AgentProfile a, ByteBuilder out) {
        out.ascii("{\"id\":\"").ascii(a.id().toString())
           .ascii("\",\"index\":").number(a.index())
           .ascii(",\"seed\":").jsonString(a.seed())
           .ascii(",\"name\":").jsonString(a.name())
           .ascii(",\"given_name\":").jsonString(a.givenName())
           .ascii(",\"family_name\":").jsonString(a.familyName())
           .ascii(",\"display_name\":").jsonString(a.displayName())
           .ascii(",\"username_hint\":").jsonString(a.usernameHint())
           .ascii(",\"username\":").jsonString(a.username())
           .ascii(",\"email\":").jsonString(a.email())
           .ascii(",\"gender\":\"").ascii(a.gender().code())
           .ascii("\",\"age\":").number(a.age())
           .ascii(",\"birth_date\":\"");
        date(a.birthDate(), out);
        out.ascii("\",\"country\":").jsonString(a.country())
           .ascii(",\"city\":").jsonString(a.city())
           .ascii(",\"locale\":").jsonString(a.locale())
           .ascii(",\"timezone\":").jsonString(a.timezone())
           .ascii(",\"languages\":");
        list(a.languages(), out);
        out.ascii(",\"occupation\":").jsonString(a.occupation())
           .ascii(",\"interests\":");
        list(a.interests(), out);
        out.ascii(",\"bio\":").jsonString(a.bio())
           .ascii(",\"posting_cadence\":").jsonString(a.postingCadence())
           .ascii(",\"tone\":").jsonString(a.tone())
           .ascii(",\"writing_style\":").jsonString(a.writingStyle())
           .ascii(",\"behavioral_biases\":");
        list(a.behavioralBiases(), out);
        out.ascii(",\"synthetic\":").ascii(a.synthetic() ? "true" : "false").append('}');
    }

    /** One agent as a line of NDJSON (object plus {@code \n}). */
    public static void appendLine(AgentProfile a, ByteBuilder out) {
        append(a, out);
        out.append('\n');
    }

    /** ISO-8601 calendar date, as {@link LocalDate#toString()} prints years 0–9999. */
    public static void date(LocalDate d, ByteBuilder out) {
        out.padded(d.getYear(), 4).append('-').padded(d.getMonthValue(), 2).append('-').padded(d.getDayOfMonth(), 2);
    }

    private static void list(List<String> values, ByteBuilder out) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) out.append(',');
            out.jsonString(values.get(i));
        }
        out.append(']');
    }

    /**
     * The value of the top-level string field {@code name} of a canonical agent object, or null when absent. Reads only
     * what {@link ByteBuilder#jsonString} writes, so stored profiles need no JSON library to be read back.
     */
    public static String stringField(byte[] json, String name) {
        byte[] key = ("\"" + name + "\":\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(json, key);
        if (at < 0) return null;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64);
        for (int i = at + key.length; i < json.length; i++) {
            byte b = json[i];
            if (b == '"') return out.toString(java.nio.charset.StandardCharsets.UTF_8);
            if (b != '\\') {
                out.write(b);
                continue;
            }
            byte e = json[++i];
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'u' -> {
                    char c = (char) Integer.parseInt(new String(json, i + 1, 4, java.nio.charset.StandardCharsets.US_ASCII), 16);
                    out.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    i += 4;
                }
                default -> out.write(e);
            }
        }
        throw new IllegalArgumentException("unterminated string in field " + name);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}

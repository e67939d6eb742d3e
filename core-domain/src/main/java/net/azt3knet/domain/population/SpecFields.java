package net.azt3knet.domain.population;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a spec — the one a {@code --spec} file, {@code POST /api/populate}, the API's population views
 * and the stored {@code population.spec} all use — as the plain Java values any JSON library reads and writes
 * ({@link Map}, {@link List}, {@link String}, {@link Number}, {@link Boolean}, null), so the domain stays free of one.
 *
 * <p>Values may be spelled the way the flags take them ({@code "gender": "female:0.6,male:0.4"}) or as JSON
 * ({@code "gender": {"female": 0.6, "male": 0.4}}, {@code "interests": ["music"]}, {@code "age_range": [18, 25]}).
 */
public final class SpecFields {

    /** The spec's fields in the order they are written, named as in the original API. */
    public static final List<String> NAMES = List.of("count", "seed", "gender", "country", "city", "age_range",
            "interests", "domain", "reference_date", "epoch");

    private SpecFields() {
    }

    /**
     * Every field of {@code in} in {@link #NAMES} order, absent ones as null; {@code count} and {@code epoch} as
     * numbers when they are whole numbers, every other field as the text the flag takes.
     */
    public static Map<String, Object> write(SpecInput in) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", number(in.count()));
        out.put("seed", in.seed());
        out.put("gender", in.gender());
        out.put("country", in.country());
        out.put("city", in.city());
        out.put("age_range", in.ageRange());
        out.put("interests", in.interests());
        out.put("domain", in.domain());
        out.put("reference_date", in.referenceDate());
        out.put("epoch", number(in.epoch()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The spec fields of {@code object} (other keys are the caller's business), still unchecked text: what
     * {@link #write} wrote reads back as the same input.
     *
     * @throws InvalidSpecException naming a field whose JSON type cannot express it
     */
    public static SpecInput read(Map<String, ?> object) {
        return new SpecInput(text(object, "count"), text(object, "seed"), text(object, "gender"), text(object, "country"),
                text(object, "city"), text(object, "age_range"), text(object, "interests"), text(object, "domain"),
                text(object, "reference_date"), text(object, "epoch"));
    }

    private static Object number(String text) {
        if (text == null) return null;
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            return text; // left for SpecParser to reject with its own message
        }
    }

    /** The field as the flag would spell it; objects become {@code k:v,…}, arrays {@code a,b} (or {@code min-max}). */
    private static String text(Map<String, ?> object, String field) {
        Object v = object.get(field);
        if (v == null) return null;
        if (scalar(v)) return v.toString();
        StringBuilder b = new StringBuilder();
        boolean mix = field.equals("gender") || field.equals("country");
        if (v instanceof Map<?, ?> m && mix) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!scalar(e.getValue())) throw wrongType(field, v);
                if (!b.isEmpty()) b.append(',');
                b.append(e.getKey()).append(':').append(e.getValue());
            }
            return b.toString();
        }
        if (v instanceof List<?> items) {
            String separator = field.equals("age_range") ? "-" : ",";
            for (Object item : items) {
                if (!scalar(item)) throw wrongType(field, v);
                if (!b.isEmpty()) b.append(separator);
                b.append(item);
            }
            return b.toString();
        }
        throw wrongType(field, v);
    }

    private static boolean scalar(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    private static InvalidSpecException wrongType(String field, Object v) {
        String form = switch (field) {
            case "gender" -> "a string like \"female:0.6,male:0.4\" or an object like {\"female\": 0.6, \"male\": 0.4}";
            case "country" -> "a string like \"MX:0.7,US:0.3\" or an object like {\"MX\": 0.7, \"US\": 0.3}";
            case "age_range" -> "a string like \"18-35\" or an array like [18, 35]";
            case "interests" -> "a string like \"music,cycling\" or an array like [\"music\", \"cycling\"]";
            default -> "a string or a number";
        };
        String type = v instanceof Map ? "object" : v instanceof List ? "array" : v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return new InvalidSpecException(new SpecViolation(field, null, "is a JSON " + type + " of the wrong form",
                "write it as " + form));
    }
}

package net.azt3knet.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.domain.population.SpecViolation;

/**
 * A spec written as JSON, the form both {@code populate --spec FILE} and {@code POST /api/populate} take. Values may
 * be spelled the way the flags take them ({@code "gender": "female:0.6,male:0.4"}) or as JSON ({@code "gender":
 * {"female": 0.6, "male": 0.4}}, {@code "interests": ["music"]}, {@code "age_range": [18, 25]}).
 */
public final class SpecJson {

    /** The spec's fields, named as in the original API. */
    public static final List<String> FIELDS = List.of("count", "seed", "gender", "country", "city", "age_range",
            "interests", "domain", "reference_date", "epoch");

    private SpecJson() {
    }

    /**
     * The spec fields of {@code object} (other fields are the caller's business), still unchecked text.
     *
     * @throws InvalidSpecException naming a field whose JSON type cannot express it
     */
    public static SpecInput read(ObjectNode object) {
        return new SpecInput(text(object, "count"), text(object, "seed"), text(object, "gender"), text(object, "country"),
                text(object, "city"), text(object, "age_range"), text(object, "interests"), text(object, "domain"),
                text(object, "reference_date"), text(object, "epoch"));
    }

    /** The field as the flag would spell it; objects become {@code k:v,…}, arrays {@code a,b} (or {@code min-max}). */
    private static String text(ObjectNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isValueNode()) return v.asText();
        StringBuilder b = new StringBuilder();
        boolean mix = field.equals("gender") || field.equals("country");
        if (v.isObject() && mix) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) throw wrongType(field, v);
                if (!b.isEmpty()) b.append(',');
                b.append(e.getKey()).append(':').append(e.getValue().asText());
            }
            return b.toString();
        }
        if (v.isArray()) {
            String separator = field.equals("age_range") ? "-" : ",";
            for (JsonNode item : v) {
                if (!item.isValueNode()) throw wrongType(field, v);
                if (!b.isEmpty()) b.append(separator);
                b.append(item.asText());
            }
            return b.toString();
        }
        throw wrongType(field, v);
    }

    /** A seed for a spec given without one: ten lower-case base-32 characters, 50 bits, so two runs never collide by accident. */
    public static String randomSeed() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder b = new StringBuilder(10);
        for (int i = 0; i < 10; i++) b.append(alphabet.charAt(random.nextInt(32)));
        return b.toString();
    }

    private static InvalidSpecException wrongType(String field, JsonNode v) {
        String form = switch (field) {
            case "gender" -> "a string like \"female:0.6,male:0.4\" or an object like {\"female\": 0.6, \"male\": 0.4}";
            case "country" -> "a string like \"MX:0.7,US:0.3\" or an object like {\"MX\": 0.7, \"US\": 0.3}";
            case "age_range" -> "a string like \"18-35\" or an array like [18, 35]";
            case "interests" -> "a string like \"music,cycling\" or an array like [\"music\", \"cycling\"]";
            default -> "a string or a number";
        };
        return new InvalidSpecException(new SpecViolation(field, null, "is a JSON " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " of the wrong form", "write it as " + form));
    }
}

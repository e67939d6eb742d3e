package net.azt3knet.app.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.azt3knet.domain.population.SpecInput;

/**
 * Reads {@code --spec FILE}: a JSON object with the spec's fields (docs/cli.md). Values may be written the way
 * the flags take them ({@code "gender": "female:0.6,male:0.4"}) or as JSON ({@code "gender": {"female": 0.6,
 * "male": 0.4}}, {@code "interests": ["music"]}, {@code "age_range": [18, 25]}).
 */
final class SpecFile {

    private static final Set<String> FIELDS = Set.of("count", "seed", "gender", "country", "city", "age_range",
            "interests", "domain", "reference_date", "epoch");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecFile() {
    }

    static SpecInput read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserInputException("--spec: cannot read '" + file + "': no such file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new UserInputException("--spec: '" + file + "' is not valid JSON" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "; fix the file (see docs/cli.md for its fields)");
        } catch (IOException e) {
            throw new UserInputException("--spec: cannot read '" + file + "': " + e.getMessage());
        }
        if (!(root instanceof ObjectNode object)) {
            throw new UserInputException("--spec: '" + file + "' must hold a JSON object like {\"count\": 100, \"seed\": \"42\"}");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) unknown.add(name);
        }
        if (!unknown.isEmpty()) {
            throw new UserInputException("--spec: '" + file + "' has unknown field(s) " + unknown
                    + "; allowed: count, seed, gender, country, city, age_range, interests, domain, reference_date, epoch");
        }
        return new SpecInput(text(object, "count", "-"), text(object, "seed", "-"), text(object, "gender", ":"),
                text(object, "country", ":"), text(object, "city", "-"), text(object, "age_range", "-"),
                text(object, "interests", "-"), text(object, "domain", "-"), text(object, "reference_date", "-"),
                text(object, "epoch", "-"));
    }

    /** The field as the flag would spell it; objects become {@code k:v,…}, arrays {@code a,b} (or {@code min-max}). */
    private static String text(ObjectNode object, String field, String pairSeparator) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isValueNode()) return v.asText();
        StringBuilder b = new StringBuilder();
        if (v.isObject() && pairSeparator.equals(":")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.isEmpty()) b.append(',');
                b.append(e.getKey()).append(':').append(e.getValue().asText());
            }
            return b.toString();
        }
        if (v.isArray()) {
            String separator = field.equals("age_range") ? "-" : ",";
            for (JsonNode item : v) {
                if (!item.isValueNode()) break;
                if (!b.isEmpty()) b.append(separator);
                b.append(item.asText());
            }
            return b.toString();
        }
        throw new UserInputException("--spec: field '" + field + "' has an unexpected JSON type; see docs/cli.md for its form");
    }
}

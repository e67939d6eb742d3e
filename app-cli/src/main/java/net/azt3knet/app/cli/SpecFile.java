package net.azt3knet.app.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.azt3knet.app.wiring.SpecJson;
import net.azt3knet.app.wiring.TextFiles;
import net.azt3knet.domain.population.SpecInput;

/**
 * Reads {@code --spec FILE}: a JSON object with the spec's fields (docs/cli.md). Values may be written the way
 * the flags take them ({@code "gender": "female:0.6,male:0.4"}) or as JSON ({@code "gender": {"female": 0.6,
 * "male": 0.4}}, {@code "interests": ["music"]}, {@code "age_range": [18, 25]}).
 */
final class SpecFile {

    // A key given twice is a mistake in the file, not a choice of the last value.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SpecFile() {
    }

    static SpecInput read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(TextFiles.readUtf8(file));
        } catch (TextFiles.UnreadableException e) {
            throw new UserInputException("--spec: '" + file + "' " + e.getMessage());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new UserInputException("--spec: '" + file + "' is not valid JSON" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "; fix the file (see docs/cli.md for its fields)");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new UserInputException("--spec: '" + file + "' must hold a JSON object like {\"count\": 100, \"seed\": \"42\"}");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!SpecJson.FIELDS.contains(name)) unknown.add(name);
        }
        if (!unknown.isEmpty()) {
            throw new UserInputException("--spec: '" + file + "' has unknown field(s) " + unknown
                    + "; allowed: " + String.join(", ", SpecJson.FIELDS));
        }
        return SpecJson.read(object);
    }
}

package net.azt3knet.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.azt3knet.domain.population.SpecInput;

/** A spec's text fields as the JSON object stored in {@code population.spec}: the same fields a {@code --spec} file has. */
final class SpecJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecJson() {
    }

    static String write(SpecInput in) {
        ObjectNode o = JSON.createObjectNode();
        o.put("count", Long.parseLong(in.count()));
        o.put("seed", in.seed());
        o.put("gender", in.gender());
        o.put("country", in.country());
        if (in.city() != null) o.put("city", in.city());
        o.put("age_range", in.ageRange());
        if (in.interests() != null) o.put("interests", in.interests());
        o.put("domain", in.domain());
        o.put("reference_date", in.referenceDate());
        o.put("epoch", Integer.parseInt(in.epoch()));
        return o.toString();
    }

    static SpecInput read(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("population.spec holds malformed JSON", e);
        }
        return new SpecInput(text(o, "count"), text(o, "seed"), text(o, "gender"), text(o, "country"), text(o, "city"),
                text(o, "age_range"), text(o, "interests"), text(o, "domain"), text(o, "reference_date"), text(o, "epoch"));
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

package net.azt3knet.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.population.Gender;
import net.azt3knet.ports.out.store.AgentRecord;

/**
 * Writes stored agents in the populate formats. JSON and NDJSON copy the stored canonical bytes, so an export is
 * byte-identical to what {@code populate} printed; CSV and the table read the profile back first.
 */
final class StoredAgents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final OutputFormat format;
    private final ByteBuilder buffer = new ByteBuilder(1 << 16);
    private final String domain;
    private boolean first = true;

    StoredAgents(OutputStream out, OutputFormat format, String domain) {
        this.out = out;
        this.format = format;
        this.domain = domain;
        if (format == OutputFormat.JSON) buffer.append('[');
    }

    void accept(AgentRecord a) {
        switch (format) {
            case NDJSON -> buffer.bytes(a.profileJson()).append('\n');
            case JSON -> buffer.ascii(first ? "\n" : ",\n").bytes(a.profileJson());
            default -> {
                JsonNode n = tree(a.profileJson());
                String marks = marks(n.get("enriched"));
                // the header waits for the first agent: an enriched population has one more CSV column
                if (first) format.header(buffer, domain, marks != null);
                format.encode(profile(n), buffer);
                if (marks != null && format == OutputFormat.CSV) {
                    buffer.setLength(buffer.length() - 2);
                    buffer.append(',').ascii(marks).ascii("\r\n");
                }
            }
        }
        first = false;
        if (buffer.length() > (1 << 16)) flush();
    }

    private void flush() {
        try {
            out.write(buffer.array(), 0, buffer.length());
            buffer.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (format == OutputFormat.JSON) buffer.ascii(first ? "]\n" : "\n]\n");
        else {
            if (first && format != OutputFormat.NDJSON) format.header(buffer, domain, false);
            format.footer(buffer);
        }
        flush();
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored agent profile is unreadable: " + e.getMessage(), e);
        }
    }

    /** {@code bio:true|tone:false} from a stored {@code "enriched"} object, or null when the agent was not enriched. */
    private static String marks(JsonNode enriched) {
        if (enriched == null || !enriched.isObject()) return null;
        StringBuilder b = new StringBuilder();
        enriched.fields().forEachRemaining(e -> b.append(b.isEmpty() ? "" : "|").append(e.getKey()).append(':')
                .append(e.getValue().asBoolean()));
        return b.toString();
    }

    private static AgentProfile profile(JsonNode n) {
        try {
            return new AgentProfile(UUID.fromString(n.get("id").asText()), n.get("index").asLong(), n.get("seed").asText(),
                    n.get("name").asText(), n.get("given_name").asText(), n.get("family_name").asText(),
                    n.get("display_name").asText(), n.get("username_hint").asText(), n.get("username").asText(),
                    n.get("email").asText(), Gender.fromCode(n.get("gender").asText()).orElseThrow(), n.get("age").asInt(),
                    LocalDate.parse(n.get("birth_date").asText()), n.get("country").asText(), n.get("city").asText(),
                    n.get("locale").asText(), n.get("timezone").asText(), list(n.get("languages")),
                    n.get("occupation").asText(), list(n.get("interests")), n.get("bio").asText(),
                    n.get("posting_cadence").asText(), n.get("tone").asText(), n.get("writing_style").asText(),
                    list(n.get("behavioral_biases")), n.get("synthetic").asBoolean());
        } catch (RuntimeException e) {
            throw new IllegalStateException("a stored agent profile is unreadable: " + e.getMessage(), e);
        }
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}

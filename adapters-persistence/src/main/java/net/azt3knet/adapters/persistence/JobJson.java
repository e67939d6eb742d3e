package net.azt3knet.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jooq.JSON;
import org.jooq.JSONB;

/** The job table's documents (requests, progress, results, errors): records and trees, written and read by Jackson. */
final class JobJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // a document written by a newer build still reads

    private JobJson() {
    }

    static JSONB jsonb(Object document) {
        return document == null ? null : JSONB.valueOf(text(document));
    }

    static JSON json(Object document) {
        return document == null ? null : JSON.valueOf(text(document));
    }

    private static String text(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store a " + document.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored job document is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}

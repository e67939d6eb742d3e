package net.azt3knet.app.wiring;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.SpecFields;
import net.azt3knet.domain.population.SpecInput;

/**
 * {@link SpecFields} on Jackson trees, for {@code populate --spec FILE} and the HTTP API: the JSON form of a spec is
 * defined there, once; this only moves it between trees and plain values.
 */
public final class SpecJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JavaType PLAIN = JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class);

    /** The spec's fields, named as in the original API. */
    public static final List<String> FIELDS = SpecFields.NAMES;

    private SpecJson() {
    }

    /**
     * The spec fields of {@code object} (other fields are the caller's business), still unchecked text.
     *
     * @throws InvalidSpecException naming a field whose JSON type cannot express it
     */
    public static SpecInput read(ObjectNode object) {
        return SpecFields.read(JSON.convertValue(object, PLAIN));
    }

    /** {@code in} as the JSON object {@link #read} takes back. */
    public static ObjectNode write(SpecInput in) {
        return JSON.valueToTree(SpecFields.write(in));
    }

    /** A seed for a spec given without one: ten lower-case base-32 characters, 50 bits, so two runs never collide by accident. */
    public static String randomSeed() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder b = new StringBuilder(10);
        for (int i = 0; i < 10; i++) b.append(alphabet.charAt(random.nextInt(32)));
        return b.toString();
    }
}

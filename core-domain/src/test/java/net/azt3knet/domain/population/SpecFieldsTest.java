package net.azt3knet.domain.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one JSON form of a spec: what is written reads back as the same input, and the forms people write are read. */
class SpecFieldsTest {

    private static final SpecInput FULL = new SpecInput("1000", "seed 42", "female:0.6,male:0.4", "MX:0.7,US:0.3",
            "Guadalajara", "18-35", "music,cycling", "agents.example.org", "2025-01-01", "1");

    @Test
    void aCanonicalSpecRoundTrips() {
        SpecInput canonical = PopulationSpec.parse(FULL).toInput();
        assertThat(SpecFields.read(SpecFields.write(canonical))).isEqualTo(canonical);
        assertThat(PopulationSpec.parse(SpecFields.read(SpecFields.write(canonical))).populationId())
                .isEqualTo(PopulationSpec.parse(canonical).populationId());
    }

    @Test
    void absentFieldsRoundTripAsAbsent() {
        SpecInput sparse = SpecInput.of("10", "x");
        assertThat(SpecFields.read(SpecFields.write(sparse))).isEqualTo(sparse);
    }

    @Test
    void everyFieldIsWrittenInOrderWithCountAndEpochAsNumbers() {
        Map<String, Object> written = SpecFields.write(FULL);
        assertThat(written.keySet()).containsExactlyElementsOf(SpecFields.NAMES);
        assertThat(written.get("count")).isEqualTo(1000L);
        assertThat(written.get("epoch")).isEqualTo(1L);
        assertThat(written.get("gender")).isEqualTo("female:0.6,male:0.4");
        assertThat(SpecFields.write(SpecInput.of("10", "x")).get("city")).isNull();
    }

    @Test
    void aCountThatIsNotAWholeNumberIsLeftAsTextForTheParserToName() {
        assertThat(SpecFields.write(SpecInput.of("ten", "x")).get("count")).isEqualTo("ten");
        assertThatThrownBy(() -> PopulationSpec.parse(SpecFields.read(SpecFields.write(SpecInput.of("ten", "x")))))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("count: 'ten'");
    }

    @Test
    void readsTheJsonFormsAsTheFlagsSpellThem() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", 250);
        json.put("seed", 7);
        json.put("gender", ordered("female", 0.6, "male", 0.4));
        json.put("country", ordered("MX", 1));
        json.put("age_range", List.of(18, 25));
        json.put("interests", List.of("music", "hiking"));
        json.put("reference_date", "2025-06-30");
        json.put("city", null);
        json.put("preview", true); // not a spec field: the caller's business
        SpecInput in = SpecFields.read(json);
        assertThat(in).isEqualTo(new SpecInput("250", "7", "female:0.6,male:0.4", "MX:1", null, "18-25", "music,hiking",
                null, "2025-06-30", null));
    }

    @Test
    void aFieldOfAFormItCannotTakeIsNamedWithTheFormsItCan() {
        assertThatThrownBy(() -> SpecFields.read(Map.of("age_range", Map.of("min", 18))))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("age_range: is a JSON object of the wrong form")
                .hasMessageContaining("[18, 35]");
        assertThatThrownBy(() -> SpecFields.read(Map.of("gender", Map.of("female", List.of(1)))))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("gender: is a JSON object");
        assertThatThrownBy(() -> SpecFields.read(Map.of("interests", List.of(List.of("a")))))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("interests: is a JSON array");
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}

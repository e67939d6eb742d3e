package net.azt3knet.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.api.Test;

/** The spec's JSON form through Jackson, as files, requests and responses carry it. */
class SpecJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSpecWrittenAsJsonTextReadsBackAsTheSameSpec() throws Exception {
        SpecInput canonical = PopulationSpec.parse(new SpecInput("1000", "42", "female:0.6,male:0.4", "MX", "Guadalajara",
                "18-35", "music", "agents.example.org", "2025-01-01", "1")).toInput();
        String text = JSON.writeValueAsString(SpecJson.write(canonical));
        assertThat(text).isEqualTo("{\"count\":1000,\"seed\":\"42\",\"gender\":\"female:0.6,male:0.4\",\"country\":\"MX\","
                + "\"city\":\"Guadalajara\",\"age_range\":\"18-35\",\"interests\":\"music\",\"domain\":\"agents.example.org\","
                + "\"reference_date\":\"2025-01-01\",\"epoch\":1}");
        assertThat(SpecJson.read((ObjectNode) JSON.readTree(text))).isEqualTo(canonical);
    }

    @Test
    void aFileInTheJsonFormsReads() throws Exception {
        ObjectNode file = (ObjectNode) JSON.readTree("""
                {"count": 20, "seed": "s", "gender": {"female": 0.5, "male": 0.5}, "age_range": [20, 30],
                 "interests": ["music", "chess"], "country": "US"}""");
        assertThat(SpecJson.read(file)).isEqualTo(new SpecInput("20", "s", "female:0.5,male:0.5", "US", null, "20-30",
                "music,chess", null, null, null));
    }

    @Test
    void aWrongFormIsNamed() throws Exception {
        assertThatThrownBy(() -> SpecJson.read((ObjectNode) JSON.readTree("{\"interests\": {\"a\": 1}}")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("interests: is a JSON object of the wrong form");
    }
}

package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** --city takes what people type; the city an agent gets is always the reference data's own. */
class CityNamesTest {

    private static final PopulationGenerator GENERATOR = PopulationGenerator.create();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "DE, koln, Köln", "DE, KÖLN, Köln", "DE, Koeln, Köln", "DE, Cologne, Köln",
        "DE, munchen, Munich", "DE, München, Munich", "DE, dusseldorf, Düsseldorf", "DE, Düsseldorf, Düsseldorf",
        "CH, zurich, Zürich", "CH, Zuerich, Zürich", "DK, Aarhus, Århus", "DK, arhus, Århus", "DK, København, Copenhagen",
        "IT, Milano, Milan", "US, new york, New York City", "ES, a coruna, A Coruña", "PL, krakow, Kraków",
    })
    void typedNamesFindTheDataCity(String country, String typed, String city) {
        List<AgentProfile> agents = GENERATOR.generate(spec(country, typed, 20)).toList();
        assertThat(agents).isNotEmpty().allSatisfy(a -> assertThat(a.city()).isEqualTo(city));
    }

    @Test
    void aTypedNameGivesTheSameAgentsAsTheDataName() {
        assertThat(GENERATOR.generate(spec("DE", "koln", 50)).map(AgentProfile::toString).toList())
                .isEqualTo(GENERATOR.generate(spec("DE", "Köln", 50)).map(AgentProfile::toString).toList());
    }

    @Test
    void anAmbiguousNameListsItsCandidates() {
        assertThatThrownBy(() -> GENERATOR.prepare(spec("DE", "Frankfurt", 5)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("is not a city of DE")
                .hasMessageContaining("Frankfurt am Main").hasMessageContaining("Frankfurt (Oder)");
    }

    @Test
    void anUnknownNameStillSuggestsTheLargestCity() {
        assertThatThrownBy(() -> GENERATOR.prepare(spec("DE", "Atlantis", 5)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("(e.g. Berlin)");
    }

    @Test
    void newYorkCityIsOneCityInEpoch2() {
        CountryData us = CountryData.of(2, "US");
        for (int i = 0; i < us.cities.size(); i++) {
            String region = Texts.string(us.cities.regionsRaw[i]);
            if (region.equals("New York")) {
                assertThat(us.cities.name(i)).as("a borough listed beside New York City")
                        .isNotIn("Brooklyn", "Queens", "Manhattan", "The Bronx", "Staten Island");
            }
        }
        assertThat(CityNames.resolve(us, "NYC").name()).isEqualTo("New York City");
        assertThat(CityNames.resolve(us, "Manhattan").found()).isTrue(); // Manhattan, Kansas stays
    }

    @Test
    void everyAliasNamesACityOfItsCountry() throws IOException {
        try (InputStream in = CityNames.class.getResourceAsStream("city-aliases.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                for (int epoch = 1; epoch <= 2; epoch++) {
                    assertThat(CityNames.resolve(CountryData.of(epoch, f[0]), f[2]).name()).as(line).isEqualTo(f[2]);
                    assertThat(CityNames.resolve(CountryData.of(epoch, f[0]), f[1]).name()).as(line).isIn(f[1], f[2]);
                }
            }
        }
    }

    private static PopulationSpec spec(String country, String city, int count) {
        return PopulationSpec.parse(new SpecInput(String.valueOf(count), "42", null, country, city, null, null, null, null, null));
    }
}

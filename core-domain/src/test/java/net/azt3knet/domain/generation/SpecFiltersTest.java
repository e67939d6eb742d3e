package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.population.Gender;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.api.Test;

/** Every agent satisfies its spec, and its identity is coherent. */
class SpecFiltersTest {

    /** RFC 5321 dot-string of our alphabet: atoms of a-z0-9_- joined by single dots. */
    private static final Pattern DOT_ATOM = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");

    @Test
    void everyAgentSatisfiesTheFiltersAndIsCoherent() {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput("5000", "filters", "female:0.7,non_binary:0.3",
                "MX:0.6,ES:0.4", null, "25-40", "music,hiking,chess,cinema", "agents.example.org", "2030-06-15", "1"));
        List<AgentProfile> agents = PopulationGenerator.create().generate(spec).toList();
        assertThat(agents).hasSize(5000);
        for (AgentProfile a : agents) {
            assertThat(a.gender()).isIn(Gender.FEMALE, Gender.NON_BINARY);
            assertThat(a.country()).isIn("MX", "ES");
            assertThat(a.age()).isBetween(25, 40);
            assertThat(Period.between(a.birthDate(), LocalDate.of(2030, 6, 15)).getYears()).isEqualTo(a.age());
            assertThat(spec.interests()).containsAll(a.interests());
            assertThat(a.interests()).hasSizeBetween(1, 3).doesNotHaveDuplicates();
            assertThat(a.email()).isEqualTo(a.username() + "@agents.example.org");
            assertThat(a.username()).matches(DOT_ATOM).hasSizeLessThanOrEqualTo(64);
            assertThat(a.username()).startsWith(a.usernameHint());
            assertThat(a.name()).isEqualTo(a.givenName() + " " + a.familyName());
            assertThat(a.locale()).endsWith("-" + a.country());
            assertThat(a.languages()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(ZoneId.of(a.timezone()).getId()).isEqualTo(a.timezone());
            assertThat(a.behavioralBiases()).hasSize(2).doesNotHaveDuplicates();
            assertThat(a.synthetic()).isTrue();
            assertThat(a.bio()).contains(a.city());
        }
    }

    @Test
    void aCityPinsEveryAgentToItsTimeZone() {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput("500", "city", null, "MX", "guadalajara", null,
                null, null, null, null));
        List<AgentProfile> agents = PopulationGenerator.create().generate(spec).toList();
        assertThat(agents).extracting(AgentProfile::city).containsOnly("Guadalajara");
        assertThat(agents).extracting(AgentProfile::timezone).containsOnly("America/Mexico_City");
    }

    @Test
    void usernamesDeriveReadablyFromNames() {
        List<AgentProfile> agents = PopulationGenerator.create().generate(PopulationSpec.parse(new SpecInput("300",
                "names", null, "DE:0.5,PL:0.5", null, null, null, null, null, null))).toList();
        for (AgentProfile a : agents) {
            String letters = a.usernameHint().replaceAll("[._-]", "");
            // Initial-only patterns keep one letter of a name; full patterns contain its transliteration.
            assertThat(letters.length()).isGreaterThanOrEqualTo(3);
            assertThat(a.username()).matches(DOT_ATOM);
        }
        assertThat(agents).anySatisfy(a -> assertThat(a.familyName()).containsAnyOf("ü", "ö", "ä", "ł", "ś", "ż", "ń", "ó"));
    }

    @Test
    void olderAgentsCarryTheNamesOfTheirBirthDecadeWhereTheDataHasThem() {
        PopulationSpec young = PopulationSpec.parse(new SpecInput("3000", "decades", "female", "US", null, "18-22",
                null, null, null, null));
        PopulationSpec old = PopulationSpec.parse(new SpecInput("3000", "decades", "female", "US", null, "80-85",
                null, null, null, null));
        Set<String> youngNames = Set.copyOf(PopulationGenerator.create().generate(young).map(AgentProfile::givenName).toList());
        long oldWithYoungNames = PopulationGenerator.create().generate(old).map(AgentProfile::givenName)
                .filter(n -> n.equals("Olivia") || n.equals("Emma") || n.equals("Ava")).count();
        long youngWithOldNames = PopulationGenerator.create().generate(young).map(AgentProfile::givenName)
                .filter(n -> n.equals("Dorothy") || n.equals("Shirley") || n.equals("Betty")).count();
        assertThat(youngNames).contains("Emma");
        assertThat(oldWithYoungNames).isLessThan(30);
        assertThat(youngWithOldNames).isLessThan(30);
    }

    @Test
    void aCityOutsideTheChosenCountriesIsRejectedNamingIt() {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput("10", "x", null, "MX:0.5,US:0.5", "Guadalajara",
                null, null, null, null, null));
        assertThatThrownBy(() -> PopulationGenerator.create().prepare(spec))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("city: 'Guadalajara' is not a city of US")
                .hasMessageContaining("New York");
    }

    @Test
    void aVeryLongDomainStillYieldsValidAddresses() {
        String domain = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(50) + ".org";
        PopulationSpec spec = PopulationSpec.parse(new SpecInput("2000", "long", null, "MT", null, null, null,
                domain, null, null));
        for (AgentProfile a : PopulationGenerator.create().generate(spec).toList()) {
            assertThat(a.email().length()).isLessThanOrEqualTo(254);
            assertThat(a.username()).matches(DOT_ATOM);
        }
    }
}

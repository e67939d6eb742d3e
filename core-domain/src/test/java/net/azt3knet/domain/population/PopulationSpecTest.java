package net.azt3knet.domain.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PopulationSpecTest {

    private static SpecInput input(String count) {
        return SpecInput.of(count, "42");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        0             | count: '0' is out of range; use a whole number from 1 to 100000000
        -5            | count: '-5' is out of range
        abc           | count: 'abc' is not a whole number in range
        1000000000000 | count: '1000000000000' is out of range
        100000001     | count: '100000001' is out of range
        """)
    void badCountsNameTheFieldAndTheRange(String count, String message) {
        assertThatThrownBy(() -> PopulationSpec.parse(input(count)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        5-200  | age_range: '5-200' must lie within 13-90
        40-20  | age_range: '40-20' has its lower bound after its upper bound
        young  | age_range: 'young' is not an age range
        18-25-30 | age_range: '18-25-30' has 3 numbers; a range has two
        """)
    void badAgeRanges(String age, String message) {
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", null, null, null, age, null, null, null, null)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining(message);
    }

    @Test
    void anUnsupportedCountryListsTheSupportedOnes() {
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", null, "XX", null, null, null, null, null, null)))
                .hasMessageContaining("country: 'XX' is not a supported ISO 3166-1 alpha-2 code; use one of AL AM AR")
                .hasMessageContaining(" US");
        assertThat(Countries.supported(1)).hasSize(64).containsKeys("US", "MX", "JP", "DE", "PL", "ES");
        assertThat(Countries.supported()).hasSize(75).containsKeys("US", "NG", "ZA", "KE", "EG", "GH", "MA", "TZ")
                .doesNotContainKey("ET");
    }

    @Test
    void aCountryOfALaterEpochNamesTheEpochThatHasIt() {
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", null, "NG", null, null, null, null, null, "1")))
                .hasMessageContaining("country: 'NG' is not supported by generator epoch 1; use epoch 2 (--epoch 2) or one of AL");
        assertThat(PopulationSpec.parse(new SpecInput("10", "42", null, "NG", null, null, null, null, null, null)).epoch())
                .isEqualTo(2);
    }

    @Test
    void anUnknownGenderListsTheAllowedValues() {
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", "robot", null, null, null, null, null, null, null)))
                .hasMessageContaining("gender: 'robot' is not a recognised value; use female, male, non_binary or unspecified");
    }

    @Test
    void emptyInterestsAreRejected() {
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", null, null, null, null, "", null, null, null)))
                .hasMessageContaining("interests: '' is empty");
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", null, null, null, null, "music,,chess", null, null, null)))
                .hasMessageContaining("interests: '' contains an empty entry");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> PopulationSpec.parse(
                new SpecInput("abc", "42", "robot", "XX", null, "40-20", "", "Not A Domain", "2025-13-40", "7")));
        assertThat(e.violations()).extracting(SpecViolation::field)
                .containsExactlyInAnyOrder("count", "gender", "country", "age_range", "interests", "domain",
                        "reference_date", "epoch");
    }

    @Test
    void weightedMixesAreNormalisedAndKeepTheirOrder() {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput("10", "42", "female:3,male:2", "mx:0.7, US:0.3",
                null, "30", "music, hiking", "Agents.Example.ORG", "2024-02-29", "1"));
        assertThat(spec.gender().entries()).extracting(WeightedMix.Entry::weight).containsExactly(0.6, 0.4);
        assertThat(spec.country().values()).containsExactly("MX", "US");
        assertThat(spec.ageRange()).isEqualTo(new AgeRange(30, 30));
        assertThat(spec.interests()).containsExactly("music", "hiking");
        assertThat(spec.domain()).isEqualTo("agents.example.org");
        assertThat(spec.referenceDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(spec.gender().format(Gender::code)).isEqualTo("female:0.6,male:0.4");
    }

    @Test
    void mixesRejectBadWeightsAndRepeats() {
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", "female:0.5,male", null, null, null, null, null, null, null)))
                .hasMessageContaining("gender: 'male' has no weight while others do");
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", "female:-1,male:2", null, null, null, null, null, null, null)))
                .hasMessageContaining("gender: 'female:-1' has a weight that is not a positive number");
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", null, "US,us", null, null, null, null, null, null)))
                .hasMessageContaining("country: 'us' is listed twice");
    }

    @Test
    void defaultsNeverComeFromTheClock() {
        PopulationSpec spec = PopulationSpec.of(10, "42");
        assertThat(spec.referenceDate()).isEqualTo(GeneratorEpoch.CURRENT.defaultReferenceDate());
        assertThat(spec.epoch()).isEqualTo(2);
        assertThat(spec.domain()).isEqualTo("azt3knet.example");
        assertThat(spec.country().values()).containsExactly("US");
        assertThat(spec.ageRange()).isEqualTo(new AgeRange(18, 80));
    }

    @Test
    void domainsMustBeDnsNamesWithRoomForAddresses() {
        for (String bad : List.of("localhost", "-a.example", "a..example", "ex ample.org", "münchen.de", "10.0.0.1")) {
            assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", null, null, null, null, null, bad, null, null)))
                    .as(bad).hasMessageContaining("domain:");
        }
        String tooLong = ("a".repeat(63) + ".").repeat(3) + "b".repeat(50) + ".org";
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", "42", null, null, null, null, null, tooLong, null, null)))
                .hasMessageContaining("leaves no room for unique addresses");
    }

    @Test
    void theSeedIsRequiredAndNeverInvented() {
        assertThatThrownBy(() -> PopulationSpec.parse(new SpecInput("10", null, null, null, null, null, null, null, null, null)))
                .hasMessageContaining("seed: is missing");
        assertThatThrownBy(() -> PopulationSpec.of(10, " ")).hasMessageContaining("seed:");
    }

    @Test
    void flagsOverrideASpecFile() {
        SpecInput file = new SpecInput("100", "file-seed", "female", "MX", null, null, null, null, null, null);
        SpecInput merged = file.overriddenBy(new SpecInput("5", null, null, "US", null, null, null, null, null, null));
        assertThat(merged).isEqualTo(new SpecInput("5", "file-seed", "female", "US", null, null, null, null, null, null));
    }

    @Test
    void thePopulationIdIsAPinnedFunctionOfTheCanonicalSpec() {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput("1000", "42", null, null, null, null, null, null, null, "1"));
        // recreate after a loss derives credentials from this id: it must never change within an epoch
        assertThat(spec.populationId()).hasToString(PINNED_ID);
        assertThat(PopulationSpec.of(1000, "42").populationId()).hasToString(PINNED_EPOCH_2_ID);
        assertThat(spec.populationId().version()).isEqualTo(8);
        assertThat(PopulationSpec.parse(spec.toInput())).isEqualTo(spec);
        assertThat(PopulationSpec.parse(spec.toInput()).populationId()).isEqualTo(spec.populationId());
        assertThat(spec.withCount(1001).populationId()).isNotEqualTo(spec.populationId());
        assertThat(PopulationSpec.parse(new SpecInput("1000", "42", "female:0.49,male:0.49,non_binary:0.02", "US", null, "18-80",
                null, "azt3knet.example", "2025-01-01", "1")).populationId()).isEqualTo(spec.populationId());
    }

    @Test
    void toInputWritesEveryFieldInTheFormTheFlagsTake() {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput("250", "s", "female:0.6,male:0.4", "MX:0.7,US:0.3", null,
                "21-45", "music,cycling", "agents.example.org", "2025-06-01", "1"));
        assertThat(spec.toInput()).isEqualTo(new SpecInput("250", "s", "female:0.6,male:0.4", "MX:0.7,US:0.3", null, "21-45",
                "music,cycling", "agents.example.org", "2025-06-01", "1"));
    }

    // Computed independently in Python: SHA-256 of the NUL-joined canonical fields, version 8 (docs/determinism.md).
    private static final String PINNED_ID = "c7f159a5-d364-8b0e-a849-6c3bb7a844c9";
    private static final String PINNED_EPOCH_2_ID = "a696856c-1baf-832f-a773-b06193a58dba";
}

package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.azt3knet.domain.population.InvalidSpecException;
import org.junit.jupiter.api.Test;

/** The read-only view of the reference data gives the numbers in the epoch's files, as the generator reads them. */
class CountryReferenceTest {

    @Test
    void germanyAsItsFileHasIt() {
        CountryReference de = CountryReference.of(1, "DE");

        // DE.tsv: "age M 0 2006612", "age F 95 134742"
        assertThat(de.ageGroups()[CountryReference.MALE][0]).isEqualTo(2_006_612);
        assertThat(de.ageGroups()[CountryReference.FEMALE][19]).isEqualTo(134_742);
        assertThat(de.ageWeight(CountryReference.FEMALE, 97)).isEqualTo(134_742);
        assertThat(de.cities().get(0)).isEqualTo(new CountryReference.City("Berlin", "State of Berlin", 3_426_354));
        assertThat(de.cities()).contains(new CountryReference.City("Munich", "Bavaria", 1_260_391));
        assertThat(de.languages().get(0)).isEqualTo(new CountryReference.Language("de", "de-DE", 91, true));
        assertThat(de.languages()).filteredOn(CountryReference.Language::firstLanguageCandidate).hasSize(1);
        assertThat(de.givenNames().get(CountryReference.FEMALE)).hasSize(10); // 20 "given" lines: 10 per sex
        assertThat(de.surnames().get(CountryReference.FEMALE)).containsKey("Müller").hasSize(10);
    }

    @Test
    void decadesArePooledAndGenderedSurnamesKeptApart() {
        CountryReference us = CountryReference.of(1, "US");
        // SSA counts summed over every birth decade
        assertThat(us.givenNames().get(CountryReference.MALE).get("James")).isGreaterThan(4_000_000L);
        CountryReference pl = CountryReference.of(1, "PL");
        assertThat(pl.surnames().get(CountryReference.FEMALE)).containsKey("Kowalska").doesNotContainKey("Kowalski");
        assertThat(pl.surnames().get(CountryReference.MALE)).containsKey("Kowalski");
    }

    @Test
    void unknownEpochsAndCountriesAreNamed() {
        assertThatThrownBy(() -> CountryReference.of(99, "DE")).isInstanceOf(InvalidSpecException.class).hasMessageContaining("epoch");
        assertThatThrownBy(() -> CountryReference.of(1, "XX")).isInstanceOf(InvalidSpecException.class).hasMessageContaining("XX");
    }

    @Test
    void employmentRatesAndRegionalLanguagesAreTheEpochsOwn() {
        CountryReference in = CountryReference.of(2, "IN");
        // Tamil Nadu's line is "ta 88 te 6 kn 2 ur 2 ml 2": drawn by those shares over their sum (100).
        assertThat(in.regionLanguages().get("Tamil Nadu")).first().isEqualTo(new CountryReference.RegionLanguage("ta-IN", 0.88));
        assertThat(in.regionLanguages().get("Tamil Nadu")).extracting(CountryReference.RegionLanguage::share)
                .containsExactly(0.88, 0.06, 0.02, 0.02, 0.02);
        int[][][] work = in.work();
        assertThat(work[CountryReference.FEMALE][40]).containsExactly(0, 0, 74, 0, 26);
        assertThat(work[CountryReference.MALE][15]).containsExactly(100, 0, 0, 0, 0);
        assertThat(work[CountryReference.MALE][12]).isNull(); // the generator's ages start at 13
        work[CountryReference.FEMALE][40][0] = 99;
        assertThat(in.work()[CountryReference.FEMALE][40][0]).as("a copy").isZero();

        CountryReference epoch1 = CountryReference.of(1, "IN");
        assertThat(epoch1.work()).isNull();
        assertThat(epoch1.regionLanguages()).isEmpty();
    }

    @Test
    void sourcesAreTheRowsOfDataMdsTable() {
        List<ReferenceSources.Source> sources = ReferenceSources.parse("""
                # Reference data
                ## Sources and licences

                | data | source | licence | used for |
                |---|---|---|---|
                | Ages | UN `WPP` | CC BY 3.0 IGO | age pyramid |
                | Names | *Fichier des prénoms* | **CC BY-SA 4.0** | names, **only in `JP.x`** |

                ## Transformations
                | not | a | source | row |
                """);
        assertThat(sources).containsExactly(new ReferenceSources.Source("Ages", "UN WPP", "CC BY 3.0 IGO", "age pyramid"),
                new ReferenceSources.Source("Names", "Fichier des prénoms", "CC BY-SA 4.0", "names, only in JP.x"));
        assertThat(ReferenceSources.all()).extracting(ReferenceSources.Source::usedFor).anyMatch(u -> u.contains("age pyramid"));
    }
}

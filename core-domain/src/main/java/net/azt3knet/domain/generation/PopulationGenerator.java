package net.azt3knet.domain.generation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.population.AgeRange;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecViolation;
import net.azt3knet.domain.population.WeightedMix;

/**
 * Entry point of the generator: {@code PopulationSpec → AgentProfile} stream, deterministic and JDK-only.
 *
 * <pre>{@code
 * PopulationSpec spec = PopulationSpec.of(1_000, "42");
 * PopulationGenerator.create().generate(spec).forEach(agent -> System.out.println(agent.email()));
 * }</pre>
 */
public final class PopulationGenerator {

    /*
     * Sampling tables of recent specs. They are pure functions of their key, so reusing them changes no output; a
     * server prepares the same small specs over and over, and building the birth-day table alone costs ~0.3 ms.
     */
    // The keys spell out equals and hashCode: a record's generated ones are bootstrapped through method handles on
    // first use, several milliseconds of every populate's start-up.
    private record TablesKey(int epoch, String country, String city, AgeRange range, LocalDate referenceDate) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TablesKey k && epoch == k.epoch && country.equals(k.country) && java.util.Objects.equals(city, k.city)
                    && range.min() == k.range.min() && range.max() == k.range.max() && referenceDate.equals(k.referenceDate);
        }

        @Override
        public int hashCode() {
            return (((epoch * 31 + country.hashCode()) * 31 + java.util.Objects.hashCode(city)) * 31 + range.min() * 97 + range.max()) * 31
                    + referenceDate.hashCode();
        }
    }

    private record DaysKey(AgeRange range, LocalDate referenceDate) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DaysKey k && range.min() == k.range.min() && range.max() == k.range.max()
                    && referenceDate.equals(k.referenceDate);
        }

        @Override
        public int hashCode() {
            return (range.min() * 97 + range.max()) * 31 + referenceDate.hashCode();
        }
    }

    private final Recent<DaysKey, BirthDays> birthDays = new Recent<>(16);
    private final Recent<TablesKey, CountryTables> countryTables = new Recent<>(256);

    private PopulationGenerator() {
    }

    /** A generator over the reference data bundled with this release. */
    public static PopulationGenerator create() {
        return new PopulationGenerator();
    }

    /** All agents of {@code spec}, lazily, in index order. */
    public Stream<AgentProfile> generate(PopulationSpec spec) {
        return prepare(spec).stream();
    }

    /**
     * Checks {@code spec} against the reference data and builds its sampling tables, so generation can start.
     *
     * @throws InvalidSpecException when the spec's city is not in its countries
     */
    public PreparedPopulation prepare(PopulationSpec spec) {
        List<WeightedMix.Entry<String>> countries = spec.country().entries();
        CountryTables[] tables = new CountryTables[countries.size()];
        double[] weights = new double[countries.size()];
        List<String> missing = new ArrayList<>();
        BirthDays days = birthDays.get(new DaysKey(spec.ageRange(), spec.referenceDate()),
                k -> new BirthDays(k.range(), k.referenceDate()));
        for (int i = 0; i < tables.length; i++) {
            CountryData data = CountryData.of(spec.epoch(), countries.get(i).value());
            tables[i] = countryTables.get(new TablesKey(spec.epoch(), data.code, spec.city(), spec.ageRange(), spec.referenceDate()), k -> {
                String city = k.city();
                if (city != null) {
                    CityNames.Match match = CityNames.resolve(data, city);
                    if (!match.found()) return null;
                    city = match.name();
                }
                int[] cities = CountryTables.cityIndexes(data, city);
                return cities.length == 0 ? null : new CountryTables(k.epoch(), data, cities, k.range(), k.referenceDate(), days);
            });
            if (tables[i] == null) {
                missing.add(data.code);
                continue;
            }
            weights[i] = countries.get(i).weight();
        }
        if (!missing.isEmpty()) {
            List<String> candidates = CityNames.resolve(CountryData.of(spec.epoch(), missing.get(0)), spec.city()).candidates();
            String fix = candidates.isEmpty()
                    ? "name a city of every chosen country (e.g. " + largestCity(spec.epoch(), missing.get(0)) + "), or leave the city out"
                    : "did you mean " + String.join(" or ", candidates) + "? Name one of them exactly";
            throw new InvalidSpecException(new SpecViolation("city", spec.city(), "is not a city of "
                    + String.join(", ", missing) + " in the reference data (GeoNames places of 15,000+ people)", fix));
        }
        return new PreparedPopulation(spec, new AgentFactory(spec, tables, AliasTable.of(weights)));
    }

    private static String largestCity(int epoch, String country) {
        CountryData data = CountryData.of(epoch, country);
        int best = 0;
        for (int i = 1; i < data.cities.populations.length; i++) {
            if (data.cities.populations[i] > data.cities.populations[best]) best = i;
        }
        return data.cities.name(best);
    }
}

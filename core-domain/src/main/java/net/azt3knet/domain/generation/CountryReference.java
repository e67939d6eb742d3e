package net.azt3knet.domain.generation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.azt3knet.domain.population.GeneratorEpoch;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.SpecViolation;

/**
 * What a country's reference data says, read-only, in the generator's own numbers: the targets a generated
 * population is compared with (realism reports, distribution checks). Nothing here is used to generate.
 *
 * @param code       ISO 3166-1 alpha-2 code
 * @param ageGroups  population by sex ({@link #FEMALE}, {@link #MALE}) and 5-year age group (0–4, 5–9, …, 100+)
 * @param cities     every city with its region and population, as the generator weighs them
 * @param languages  languages with their speaker share, first-language candidates marked
 * @param givenNames given names by sex, weights summed over birth decades where the data has them
 * @param surnames   surnames by sex (the same map twice where the data does not gender them)
 * @param work       percent of people in each status ({@link #SCHOOL} … {@link #NOT_EMPLOYED}) by sex and age
 *                   (0 to {@link #MAX_WORK_AGE}; ages the data has no row for are null); null where the epoch has
 *                   no employment source (epoch 1)
 * @param regionLanguages per region with first languages of its own (GeoNames admin-1 name, as {@link City#region}):
 *                   those languages with the shares they are drawn by; empty where every region follows the
 *                   country-wide draw
 */
public record CountryReference(String code, long[][] ageGroups, List<City> cities, List<Language> languages,
                               List<Map<String, Long>> givenNames, List<Map<String, Long>> surnames, int[][][] work,
                               Map<String, List<RegionLanguage>> regionLanguages) {

    /** Index of females in {@link #ageGroups}, {@link #givenNames} and {@link #surnames}. */
    public static final int FEMALE = CountryData.FEMALE;
    /** Index of males in {@link #ageGroups}, {@link #givenNames} and {@link #surnames}. */
    public static final int MALE = CountryData.MALE;
    /** Width of an age group in years; the last group is open (100+). */
    public static final int AGE_GROUP_YEARS = 5;

    /** Statuses of {@link #work}: high-school student, university student, employed, retired, not in paid work. */
    public static final int SCHOOL = 0;
    public static final int UNIVERSITY = 1;
    public static final int EMPLOYED = 2;
    public static final int RETIRED = 3;
    public static final int NOT_EMPLOYED = 4;
    /** Oldest age {@link #work} has a row for; older agents follow its row, as the generator does. */
    public static final int MAX_WORK_AGE = CountryData.MAX_WORK_AGE;

    /** One of a region's first languages: its locale and the share of the region's agents drawn with it (of 1). */
    public record RegionLanguage(String locale, double share) {
    }

    /** A city as the generator weighs it. */
    public record City(String name, String region, long population) {
    }

    /** A language of the country: its share of speakers (percent) and whether it can be a first language. */
    public record Language(String language, String locale, double percent, boolean firstLanguageCandidate) {
    }

    /**
     * The reference data of {@code country} in generator epoch {@code epoch}.
     *
     * @throws InvalidSpecException when the epoch or the country is not supported
     */
    public static CountryReference of(int epoch, String country) {
        if (GeneratorEpoch.of(epoch).isEmpty()) {
            throw new InvalidSpecException(new SpecViolation("epoch", Integer.toString(epoch), "is not a generator epoch"
                    + " of this release", "choose one of " + GeneratorEpoch.supportedList()));
        }
        CountryData data;
        try {
            data = CountryData.of(epoch, country);
        } catch (IllegalStateException e) {
            throw new InvalidSpecException(new SpecViolation("country", country, "has no reference data",
                    "choose a supported country (see docs/cli.md)"));
        }
        long[][] ages = {data.ageGroups[FEMALE].clone(), data.ageGroups[MALE].clone()};
        List<City> cities = new ArrayList<>(data.cities.size());
        for (int i = 0; i < data.cities.size(); i++) {
            cities.add(new City(data.cities.name(i), Texts.string(data.cities.regionsRaw[i]), data.cities.populations[i]));
        }
        List<Language> languages = new ArrayList<>();
        for (int i = 0; i < data.languages.length; i++) {
            languages.add(new Language(data.languages[i], data.localeTags[i], data.languagePercents[i], data.languageOfficial[i]));
        }
        List<Map<String, Long>> given = new ArrayList<>();
        for (TreeMap<Integer, CountryData.Names> byDecade : data.given) {
            Map<String, Long> weights = new LinkedHashMap<>();
            byDecade.values().forEach(names -> addWeights(names, weights));
            given.add(Map.copyOf(weights));
        }
        List<Map<String, Long>> surnames = new ArrayList<>();
        for (CountryData.Names names : data.surnames) {
            Map<String, Long> weights = new LinkedHashMap<>();
            addWeights(names, weights);
            surnames.add(Map.copyOf(weights));
        }
        Map<String, List<RegionLanguage>> regions = new LinkedHashMap<>();
        if (data.regionLanguages != null) {
            for (int r = 0; r < data.regionLanguages.length; r++) {
                double total = 0;
                for (double share : data.regionShares[r]) total += share;
                List<RegionLanguage> spoken = new ArrayList<>();
                for (int k = 0; k < data.regionLanguages[r].length; k++) {
                    // Drawn by the listed shares, normalised (CountryTables), so that is the target.
                    spoken.add(new RegionLanguage(data.localeTags[data.regionLanguages[r][k]], data.regionShares[r][k] / total));
                }
                regions.put(data.regionNames[r], List.copyOf(spoken));
            }
        }
        return new CountryReference(data.code, ages, List.copyOf(cities), List.copyOf(languages), List.copyOf(given),
                List.copyOf(surnames), copy(data.work), java.util.Collections.unmodifiableMap(regions));
    }

    /** A copy, or null where the epoch has no employment source. */
    @Override
    public int[][][] work() {
        return copy(work);
    }

    private static int[][][] copy(int[][][] work) {
        if (work == null) return null;
        int[][][] copy = new int[work.length][][];
        for (int sex = 0; sex < work.length; sex++) {
            copy[sex] = new int[work[sex].length][];
            for (int a = 0; a < work[sex].length; a++) copy[sex][a] = work[sex][a] == null ? null : work[sex][a].clone();
        }
        return copy;
    }


    private static void addWeights(CountryData.Names names, Map<String, Long> into) {
        for (int i = 0; i < names.size(); i++) into.merge(names.display(i), names.weight(i), Long::sum);
    }

    /** A copy: the record's own arrays stay as they were read. */
    @Override
    public long[][] ageGroups() {
        return new long[][] {ageGroups[FEMALE].clone(), ageGroups[MALE].clone()};
    }

    /** The weight of age {@code age} for sex {@code sex}: its 5-year group's population, as the generator weighs each year. */
    public long ageWeight(int sex, int age) {
        return ageGroups[sex][Math.min(age / AGE_GROUP_YEARS, ageGroups[sex].length - 1)];
    }
}

package net.azt3knet.domain.generation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.azt3knet.domain.population.AgeRange;

/**
 * One country's alias tables for one spec: cities (narrowed to the spec's city), ages restricted to the spec's
 * range, names by sex and birth year, languages. Built once before generation and only read by workers.
 */
final class CountryTables {

    /** Index of the age table for agents whose names and age follow neither sex (non-binary, unspecified). */
    static final int BOTH = 2;

    final CountryData data;
    /** {@link Keys#countryOf} of the country's code. */
    final long key;
    final int[] cityIndex;
    final AliasTable cities;
    final AliasTable[] ages = new AliasTable[3];
    final AliasTable languages;
    /** Per region of {@link CountryData#regionLanguages}: its first-language table; null where there are none. */
    final AliasTable[] regionLanguages;
    /** Epoch 2 on: per age table (F, M, {@link #BOTH}) and age offset, the status table; null in epoch 1. */
    final AliasTable[][] work;
    final BirthDays birthDays;
    /** Given names by sex and birth-year offset from {@link #firstBirthYear}. */
    private final CountryData.Names[][] givenByYear = new CountryData.Names[2][];
    private final int firstBirthYear;

    /** Tables for {@code data}; {@code cityIndexes} are the cities allowed (all when the spec names none). */
    CountryTables(int epoch, CountryData data, int[] cityIndexes, AgeRange range, LocalDate referenceDate, BirthDays birthDays) {
        this.data = data;
        this.key = Keys.countryOf(data.code);
        this.cityIndex = cityIndexes;
        this.birthDays = birthDays;
        double[] cityWeights = new double[cityIndexes.length];
        for (int i = 0; i < cityIndexes.length; i++) cityWeights[i] = data.cities.populations[cityIndexes[i]];
        this.cities = AliasTable.of(cityWeights);

        int years = range.max() - range.min() + 1;
        for (int sex = 0; sex < 3; sex++) {
            double[] w = new double[years];
            for (int a = range.min(); a <= range.max(); a++) {
                int group = a / 5;
                w[a - range.min()] = sex == BOTH ? data.ageGroups[0][group] + data.ageGroups[1][group] : data.ageGroups[sex][group];
            }
            ages[sex] = AliasTable.of(w);
        }

        firstBirthYear = referenceDate.getYear() - range.max() - 1;
        int lastBirthYear = referenceDate.getYear() - range.min();
        for (int sex = 0; sex < 2; sex++) {
            givenByYear[sex] = new CountryData.Names[lastBirthYear - firstBirthYear + 1];
            for (int y = firstBirthYear; y <= lastBirthYear; y++) {
                givenByYear[sex][y - firstBirthYear] = epoch == 1 ? namesFor(data.given.get(sex), y)
                        : cohortNames(data.given.get(sex), y);
            }
        }

        if (data.regionLanguages == null) {
            regionLanguages = null;
        } else {
            regionLanguages = new AliasTable[data.regionLanguages.length];
            for (int r = 0; r < regionLanguages.length; r++) regionLanguages[r] = AliasTable.of(data.regionShares[r]);
        }
        if (data.work == null) {
            work = null;
        } else {
            work = new AliasTable[3][years];
            for (int a = range.min(); a <= range.max(); a++) {
                int age = Math.min(a, CountryData.MAX_WORK_AGE);
                for (int sex = 0; sex < 3; sex++) {
                    double[] w = new double[CountryData.STATUSES];
                    for (int k = 0; k < w.length; k++) {
                        w[k] = sex == BOTH ? data.work[0][age][k] + data.work[1][age][k] : data.work[sex][age][k];
                    }
                    work[sex][a - range.min()] = AliasTable.of(w);
                }
            }
        }

        // First language: drawn by speaker share among the official languages (all, where none is official).
        boolean anyOfficial = false;
        for (boolean official : data.languageOfficial) anyOfficial |= official;
        double[] langWeights = new double[data.languages.length];
        for (int i = 0; i < langWeights.length; i++) {
            langWeights[i] = !anyOfficial || data.languageOfficial[i] ? data.languagePercents[i] : 0;
        }
        this.languages = AliasTable.of(langWeights);
    }

    /** Names for a birth year: the list of its decade where the data has decades (US), else the only list. */
    private static CountryData.Names namesFor(java.util.TreeMap<Integer, CountryData.Names> byDecade, int birthYear) {
        if (byDecade.containsKey(0)) return byDecade.get(0);
        Map.Entry<Integer, CountryData.Names> e = byDecade.floorEntry(birthYear - Math.floorMod(birthYear, 10));
        return e != null ? e.getValue() : byDecade.firstEntry().getValue();
    }

    /** Farthest a birth decade may be from the nearest decade the data has before the undated list is used. */
    static final int COHORT_REACH = 20;

    /**
     * Names for a birth year from epoch 2 on: the list of its birth decade; else the nearest decade with a list,
     * if at most {@link #COHORT_REACH} years away (the earlier one on a tie); else the country's undated list.
     */
    static CountryData.Names cohortNames(java.util.TreeMap<Integer, CountryData.Names> byDecade, int birthYear) {
        int decade = birthYear - Math.floorMod(birthYear, 10);
        Map.Entry<Integer, CountryData.Names> below = byDecade.floorEntry(decade);
        if (below != null && below.getKey() == 0) below = null; // 0 is the undated list, not a decade
        Map.Entry<Integer, CountryData.Names> above = byDecade.ceilingEntry(decade);
        Map.Entry<Integer, CountryData.Names> nearest = below == null ? above
                : above == null || decade - below.getKey() <= above.getKey() - decade ? below : above;
        if (nearest != null && Math.abs(nearest.getKey() - decade) <= COHORT_REACH) return nearest.getValue();
        CountryData.Names undated = byDecade.get(0);
        return undated != null ? undated : nearest.getValue();
    }

    CountryData.Names given(int sex, int birthYear) {
        return givenByYear[sex][birthYear - firstBirthYear];
    }

    /** Indexes of the cities named {@code city} (display or ASCII name, case-insensitive); all cities when null. */
    static int[] cityIndexes(CountryData data, String city) {
        int cities = data.cities.size();
        if (city == null) {
            int[] all = new int[cities];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        String wanted = city.toLowerCase(Locale.ROOT);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < cities; i++) {
            if (data.cities.name(i).toLowerCase(Locale.ROOT).equals(wanted)
                || data.cities.asciiName(i).toLowerCase(Locale.ROOT).equals(wanted)) {
                found.add(i);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }
}

package net.azt3knet.application;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.azt3knet.domain.generation.CountryReference;
import net.azt3knet.domain.generation.ReferenceSources;
import net.azt3knet.domain.population.Gender;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.WeightedMix;

/**
 * The figures of a realism report: what a population holds next to what its reference data says it should (the
 * spec's mixes, the UN age pyramid, the name lists' weights, city populations, CLDR language shares). Shares are
 * fractions of 1; an expected value is {@code NaN} where the data gives no target.
 */
record RealismFigures(PopulationSpec spec, long agents, List<PyramidRow> pyramid, long outsidePyramid,
                      List<Share> genders, List<Share> countries, List<Share> femaleGivenNames,
                      List<Share> maleGivenNames, List<Share> surnames, Concentration surnameConcentration,
                      long distinctFullNames, List<Share> fullNames, List<Share> cities, List<Share> regions,
                      List<OccupationRow> occupations, List<Share> firstLanguages, List<Share> spokenLanguages,
                      List<RegionLanguages> regionLanguages, long suffixedUsernames,
                      long largestSuffix, List<ReferenceSources.Source> sources) {

    /** Rows shown in the name, city and region tables. */
    static final int TOP = 15;

    /** A value's count and share, next to the share the reference data expects. */
    record Share(String label, long count, double share, double expected) {
    }

    /** One age band of the pyramid: shares of all agents by sex, achieved and expected (UN). */
    record PyramidRow(String band, long female, long male, double femaleShare, double maleShare,
                      double expectedFemale, double expectedMale) {
    }

    /** How concentrated surnames are, achieved and in the source's weights. */
    record Concentration(long distinct, double top1, double top10, double effective,
                         long sourceNames, double expectedTop1, double expectedTop10, double expectedEffective) {
    }

    /**
     * Occupation by age band: shares of the band's agents at school or university, working, retired and not in paid
     * work, each beside the share the data's employment rates give the band (NaN where the epoch has none).
     */
    record OccupationRow(String band, long agents, double student, double working, double retired, double notWorking,
                         double expectedStudent, double expectedWorking, double expectedRetired, double expectedNotWorking) {
    }

    /** The commonest first languages of one region's agents. */
    record RegionLanguages(String region, long agents, List<Share> locales) {
    }

    /** Rows of the first-language-by-region table, and languages shown per region. */
    static final int REGIONS_WITH_LANGUAGES = 10;
    static final int LANGUAGES_PER_REGION = 3;

    /** The username numeric-suffix rate. */
    double suffixRate() {
        return agents == 0 ? 0 : (double) suffixedUsernames / agents;
    }

    static RealismFigures of(PopulationSpec spec, RealismTally t) {
        Map<String, Double> mix = normalised(spec.country());
        Map<String, CountryReference> refs = new LinkedHashMap<>();
        for (String c : mix.keySet()) refs.put(c, CountryReference.of(spec.epoch(), c));
        Map<Gender, Double> genderMix = normalised(spec.gender());
        double pFemale = genderMix.getOrDefault(Gender.FEMALE, 0.0);
        double pMale = genderMix.getOrDefault(Gender.MALE, 0.0);
        // Agents of neither gender draw their names as either sex with even odds.
        double neither = (1 - pFemale - pMale) / 2;
        double[] nameSex = {pFemale + neither, pMale + neither};
        boolean multiCountry = mix.size() > 1;

        List<Share> genders = new ArrayList<>();
        for (Gender g : Gender.values()) {
            long n = t.genders[g.ordinal()];
            if (n > 0 || genderMix.containsKey(g)) genders.add(share(g.code(), n, t.agents, genderMix.getOrDefault(g, 0.0)));
        }
        List<Share> countries = new ArrayList<>();
        mix.forEach((c, w) -> countries.add(share(c, t.countries.getOrDefault(c, 0L), t.agents, w)));

        List<PyramidRow> pyramid = pyramid(spec, t, mix, refs, pFemale, pMale);
        long outside = t.agents - t.genders[Gender.FEMALE.ordinal()] - t.genders[Gender.MALE.ordinal()];

        List<Share> female = givenNames(t, CountryReference.FEMALE, mix, refs);
        List<Share> male = givenNames(t, CountryReference.MALE, mix, refs);
        Map<String, Double> surnameSource = expected(mix, refs, CountryReference::surnames, nameSex);
        List<Share> surnames = top(t.surnames, t.agents, surnameSource, Function.identity());
        Concentration concentration = concentration(t.surnames, t.agents, surnameSource);

        boolean cityFixed = spec.city() != null;
        Map<String, Double> cityTargets = new HashMap<>();
        Map<String, Double> regionTargets = new HashMap<>();
        Map<String, Map<String, Double>> regionsOfCity = new HashMap<>();
        refs.forEach((c, r) -> {
            double total = r.cities().stream().mapToDouble(CountryReference.City::population).sum();
            for (CountryReference.City city : r.cities()) {
                double w = mix.get(c) * city.population() / total;
                cityTargets.merge(c + '\t' + city.name(), w, Double::sum);
                regionTargets.merge(c + '\t' + city.region(), w, Double::sum);
                regionsOfCity.computeIfAbsent(c + '\t' + city.name(), k -> new HashMap<>()).merge(city.region(), (double) city.population(), Double::sum);
            }
        });
        Map<String, Double> regionCounts = new HashMap<>();
        t.cities.forEach((key, n) -> inRegions(key, n, regionsOfCity, (region, share) -> regionCounts.merge(region, share, Double::sum)));
        Map<String, Map<String, Double>> localesByRegion = new HashMap<>();
        t.cityLocales.forEach((key, n) -> {
            int last = key.lastIndexOf('\t');
            String locale = key.substring(last + 1);
            inRegions(key.substring(0, last), n, regionsOfCity,
                    (region, share) -> localesByRegion.computeIfAbsent(region, r -> new HashMap<>()).merge(locale, share, Double::sum));
        });
        Map<String, Map<String, Double>> firstTargetsByCountry = new LinkedHashMap<>();
        refs.forEach((c, r) -> firstTargetsByCountry.put(c, nationalFirstLanguages(r)));
        Function<String, String> place = multiCountry ? RealismFigures::withCountry : RealismFigures::withoutCountry;
        List<Share> cities = top(t.cities, t.agents, cityFixed ? Map.of() : cityTargets, place);
        Map<String, Long> roundedRegions = new HashMap<>();
        regionCounts.forEach((k, v) -> roundedRegions.put(k, Math.round(v)));
        List<Share> regions = top(roundedRegions, t.agents, cityFixed ? Map.of() : regionTargets, place);
        List<RegionLanguages> regionLanguages = new ArrayList<>();
        roundedRegions.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(REGIONS_WITH_LANGUAGES)
                .forEach(e -> {
                    Map<String, Long> locales = new HashMap<>();
                    localesByRegion.get(e.getKey()).forEach((locale, n) -> locales.put(locale, Math.round(n)));
                    long agents = locales.values().stream().mapToLong(Long::longValue).sum();
                    regionLanguages.add(new RegionLanguages(place.apply(e.getKey()), agents,
                            top(locales, agents, regionFirstLanguages(e.getKey(), refs, firstTargetsByCountry), Function.identity())
                                    .stream().limit(LANGUAGES_PER_REGION).toList()));
                });

        double[][] expectedKinds = expectedOccupations(spec, mix, refs, pFemale, pMale);
        List<OccupationRow> occupations = new ArrayList<>();
        for (int b = 0; b < RealismTally.BAND_ENDS.length; b++) {
            long[] k = t.occupations[b];
            long n = java.util.Arrays.stream(k).sum();
            if (n == 0) continue;
            double[] e = expectedKinds[b];
            occupations.add(new OccupationRow(bandLabel(b), n, (double) k[RealismTally.STUDENT] / n,
                    (double) k[RealismTally.WORKING] / n, (double) k[RealismTally.RETIRED] / n,
                    (double) k[RealismTally.NOT_WORKING] / n, e[RealismTally.STUDENT], e[RealismTally.WORKING],
                    e[RealismTally.RETIRED], e[RealismTally.NOT_WORKING]));
        }

        Map<String, Double> firstTargets = new HashMap<>();
        Map<String, Double> speakerTargets = new HashMap<>();
        refs.forEach((c, r) -> firstLanguagesByCity(r, spec.city(), firstTargetsByCountry.get(c))
                .forEach((locale, p) -> firstTargets.merge(locale, mix.get(c) * p, Double::sum)));
        refs.forEach((c, r) -> r.languages().forEach(l -> speakerTargets.merge(l.language(), mix.get(c) * l.percent() / 100, Double::sum)));
        List<Share> firstLanguages = top(t.locales, t.agents, firstTargets, Function.identity());
        List<Share> spokenLanguages = top(t.languages, t.agents, speakerTargets, Function.identity());

        List<Share> fullNames = top(t.fullNames, t.agents, Map.of(), Function.identity()).stream().limit(10).toList();
        return new RealismFigures(spec, t.agents, pyramid, outside, genders, countries, female, male, surnames,
                concentration, t.fullNames.size(), fullNames, cities, regions, occupations, firstLanguages, spokenLanguages,
                regionLanguages, t.suffixed, t.largestSuffix, ReferenceSources.all());
    }

    /**
     * Hands {@code n} agents of a place ({@code CC<tab>city}) to its region, or to each region that has a city of
     * that name (Springfield), split by those cities' populations.
     */
    private static void inRegions(String place, double n, Map<String, Map<String, Double>> regionsOfCity,
                                  java.util.function.BiConsumer<String, Double> into) {
        String country = place.substring(0, place.indexOf('\t'));
        Map<String, Double> regions = regionsOfCity.getOrDefault(place, Map.of("(unknown)", 1.0));
        double total = regions.values().stream().mapToDouble(Double::doubleValue).sum();
        regions.forEach((region, pop) -> into.accept(country + '\t' + region, n * pop / total));
    }

    /**
     * First-language shares of a country's nationwide draw: speaker shares (CLDR) among the languages that can be
     * first (official, de facto or regionally official; all where none is), as the generator draws.
     */
    private static Map<String, Double> nationalFirstLanguages(CountryReference r) {
        boolean anyCandidate = r.languages().stream().anyMatch(CountryReference.Language::firstLanguageCandidate);
        double candidates = r.languages().stream().filter(l -> !anyCandidate || l.firstLanguageCandidate())
                .mapToDouble(CountryReference.Language::percent).sum();
        Map<String, Double> shares = new HashMap<>();
        for (CountryReference.Language l : r.languages()) {
            if (!anyCandidate || l.firstLanguageCandidate()) shares.merge(l.locale(), l.percent() / candidates, Double::sum);
        }
        return shares;
    }

    /**
     * A country's expected first languages over its agents' cities: each city (the spec's, where it names one) by
     * its population, with its region's own first languages where the data has them, else the country-wide draw.
     */
    private static Map<String, Double> firstLanguagesByCity(CountryReference r, String specCity, Map<String, Double> national) {
        if (r.regionLanguages().isEmpty()) return national;
        List<CountryReference.City> cities = r.cities().stream().filter(c -> specCity == null || c.name().equalsIgnoreCase(specCity)).toList();
        if (cities.isEmpty()) cities = r.cities(); // a city asked for by its ASCII name: the country's mix is the best guess
        double total = cities.stream().mapToDouble(CountryReference.City::population).sum();
        Map<String, Double> shares = new HashMap<>();
        for (CountryReference.City city : cities) {
            double w = city.population() / total;
            List<CountryReference.RegionLanguage> own = r.regionLanguages().get(city.region());
            if (own == null) national.forEach((locale, p) -> shares.merge(locale, w * p, Double::sum));
            else own.forEach(l -> shares.merge(l.locale(), w * l.share(), Double::sum));
        }
        return shares;
    }

    /**
     * The first languages expected in a region ({@code CC<tab>region}): the shares of its own languages where the
     * data has them (census figures of IN, CH, BE, ES, CA in epoch 2), else the country-wide ones.
     */
    private static Map<String, Double> regionFirstLanguages(String regionKey, Map<String, CountryReference> refs,
                                                            Map<String, Map<String, Double>> national) {
        int tab = regionKey.indexOf('\t');
        String country = regionKey.substring(0, tab);
        List<CountryReference.RegionLanguage> own = refs.get(country).regionLanguages().get(regionKey.substring(tab + 1));
        if (own == null) return national.get(country);
        Map<String, Double> shares = new HashMap<>();
        for (CountryReference.RegionLanguage l : own) shares.merge(l.locale(), l.share(), Double::sum);
        return shares;
    }

    /**
     * Per occupation band, the share of each kind ({@link RealismTally#STUDENT} …) the data's employment rates give
     * it: each age's status shares for each sex, weighted as the generator weighs ages (UN group populations, cut
     * to the spec's range), sexes (the spec's gender mix; agents of neither gender draw from both sexes' rows and
     * ages alike) and countries. NaN throughout where a country's epoch has no employment rates.
     */
    private static double[][] expectedOccupations(PopulationSpec spec, Map<String, Double> mix, Map<String, CountryReference> refs,
                                                  double pFemale, double pMale) {
        int bands = RealismTally.BAND_ENDS.length;
        double[][] sums = new double[bands][4];
        double[] weights = new double[bands];
        int min = spec.ageRange().min();
        int max = spec.ageRange().max();
        double[] sexWeights = {pFemale, pMale, Math.max(0, 1 - pFemale - pMale)};
        for (Map.Entry<String, CountryReference> e : refs.entrySet()) {
            CountryReference r = e.getValue();
            int[][][] work = r.work();
            if (work == null) return nan(bands);
            for (int sexTable = 0; sexTable < 3; sexTable++) {
                if (sexWeights[sexTable] == 0) continue;
                double ageTotal = 0;
                for (int a = min; a <= max; a++) ageTotal += ageWeight(r, sexTable, a);
                for (int a = min; a <= max; a++) {
                    double w = mix.get(e.getKey()) * sexWeights[sexTable] * ageWeight(r, sexTable, a) / ageTotal;
                    int age = Math.min(a, CountryReference.MAX_WORK_AGE);
                    int[] row = sexTable < 2 ? work[sexTable][age] : sum(work[CountryReference.FEMALE][age], work[CountryReference.MALE][age]);
                    if (row == null) return nan(bands);
                    double rowTotal = java.util.Arrays.stream(row).sum();
                    int b = RealismTally.band(a);
                    weights[b] += w;
                    sums[b][RealismTally.STUDENT] += w * (row[CountryReference.SCHOOL] + row[CountryReference.UNIVERSITY]) / rowTotal;
                    sums[b][RealismTally.WORKING] += w * row[CountryReference.EMPLOYED] / rowTotal;
                    sums[b][RealismTally.RETIRED] += w * row[CountryReference.RETIRED] / rowTotal;
                    sums[b][RealismTally.NOT_WORKING] += w * row[CountryReference.NOT_EMPLOYED] / rowTotal;
                }
            }
        }
        for (int b = 0; b < bands; b++) {
            for (int k = 0; k < 4; k++) sums[b][k] = weights[b] == 0 ? Double.NaN : sums[b][k] / weights[b];
        }
        return sums;
    }

    /** An age's weight for a sex table (0 female, 1 male, 2 both: the two sexes' groups added, as the generator does). */
    private static double ageWeight(CountryReference r, int sexTable, int age) {
        return sexTable < 2 ? r.ageWeight(sexTable, age)
                : r.ageWeight(CountryReference.FEMALE, age) + r.ageWeight(CountryReference.MALE, age);
    }

    private static int[] sum(int[] female, int[] male) {
        if (female == null || male == null) return null;
        int[] both = new int[female.length];
        for (int k = 0; k < both.length; k++) both[k] = female[k] + male[k];
        return both;
    }

    private static double[][] nan(int bands) {
        double[][] none = new double[bands][4];
        for (double[] row : none) java.util.Arrays.fill(row, Double.NaN);
        return none;
    }

    /** Bands of the UN's 5-year groups, cut to the spec's age range. */
    private static List<PyramidRow> pyramid(PopulationSpec spec, RealismTally t, Map<String, Double> mix,
                                            Map<String, CountryReference> refs, double pFemale, double pMale) {
        int min = spec.ageRange().min();
        int max = spec.ageRange().max();
        double[][] expected = new double[2][RealismTally.MAX_AGE + 1];
        for (int sex = 0; sex < 2; sex++) {
            for (Map.Entry<String, CountryReference> e : refs.entrySet()) {
                CountryReference r = e.getValue();
                double total = 0;
                for (int a = min; a <= max; a++) total += r.ageWeight(sex, a);
                for (int a = min; a <= max; a++) expected[sex][a] += mix.get(e.getKey()) * r.ageWeight(sex, a) / total;
            }
        }
        List<PyramidRow> rows = new ArrayList<>();
        for (int from = min; from <= max; ) {
            int to = Math.min(max, from / CountryReference.AGE_GROUP_YEARS * CountryReference.AGE_GROUP_YEARS
                    + CountryReference.AGE_GROUP_YEARS - 1);
            long[] n = new long[2];
            double[] e = new double[2];
            for (int a = from; a <= to; a++) {
                for (int sex = 0; sex < 2; sex++) {
                    n[sex] += t.ages[sex][a];
                    e[sex] += expected[sex][a];
                }
            }
            String band = from == to ? Integer.toString(from) : from + "–" + to;
            double all = Math.max(1, t.agents);
            rows.add(new PyramidRow(band, n[CountryReference.FEMALE], n[CountryReference.MALE],
                    n[CountryReference.FEMALE] / all, n[CountryReference.MALE] / all,
                    pFemale * e[CountryReference.FEMALE], pMale * e[CountryReference.MALE]));
            from = to + 1;
        }
        return rows;
    }

    /** Given names of one sex: shares among the agents of that sex, against that sex's list in each country. */
    private static List<Share> givenNames(RealismTally t, int sex, Map<String, Double> mix, Map<String, CountryReference> refs) {
        Map<String, Long> counts = t.givenNames[sex];
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return top(counts, total, expected(mix, refs, r -> List.of(r.givenNames().get(sex)), new double[] {1}), Function.identity());
    }

    /** Each name's expected share: its weight in each list over the list's total, mixed by country and list weight. */
    private static Map<String, Double> expected(Map<String, Double> mix, Map<String, CountryReference> refs,
                                                Function<CountryReference, List<Map<String, Long>>> lists,
                                                double[] listWeights) {
        Map<String, Double> shares = new HashMap<>();
        refs.forEach((c, r) -> {
            List<Map<String, Long>> ls = lists.apply(r);
            for (int i = 0; i < ls.size(); i++) {
                double total = ls.get(i).values().stream().mapToLong(Long::longValue).sum();
                double w = mix.get(c) * listWeights[i];
                ls.get(i).forEach((name, weight) -> shares.merge(name, w * weight / total, Double::sum));
            }
        });
        return shares;
    }

    /** The {@link #TOP} largest counts, largest first (ties by key), labelled by {@code label}. */
    private static List<Share> top(Map<String, Long> counts, long total, Map<String, Double> expected,
                                   Function<String, String> label) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(e -> share(label.apply(e.getKey()), e.getValue(), total, expected.isEmpty() ? Double.NaN
                        : expected.getOrDefault(e.getKey(), 0.0)))
                .toList();
    }

    /** A place key ({@code CC<tab>name}) as "name (CC)", for populations of several countries. */
    private static String withCountry(String key) {
        int tab = key.indexOf('\t');
        return key.substring(tab + 1) + " (" + key.substring(0, tab) + ")";
    }

    private static String withoutCountry(String key) {
        return key.substring(key.indexOf('\t') + 1);
    }

    private static Concentration concentration(Map<String, Long> counts, long total, Map<String, Double> source) {
        List<Long> sorted = counts.values().stream().sorted(Comparator.reverseOrder()).toList();
        double sumSquares = 0;
        for (long n : sorted) sumSquares += (double) n / total * n / total;
        List<Double> expected = source.values().stream().sorted(Comparator.reverseOrder()).toList();
        double expectedSquares = expected.stream().mapToDouble(p -> p * p).sum();
        return new Concentration(counts.size(), sumOf(sorted, 1) / (double) total, sumOf(sorted, 10) / (double) total,
                sumSquares == 0 ? 0 : 1 / sumSquares, source.size(),
                expected.stream().limit(1).mapToDouble(Double::doubleValue).sum(),
                expected.stream().limit(10).mapToDouble(Double::doubleValue).sum(),
                expectedSquares == 0 ? 0 : 1 / expectedSquares);
    }

    private static long sumOf(List<Long> sorted, int n) {
        return sorted.stream().limit(n).mapToLong(Long::longValue).sum();
    }

    private static String bandLabel(int b) {
        int from = b == 0 ? 0 : RealismTally.BAND_ENDS[b - 1] + 1;
        int to = RealismTally.BAND_ENDS[b];
        return b == 0 ? "under " + (to + 1) : to == Integer.MAX_VALUE ? from + "+" : from + "–" + to;
    }

    private static Share share(String label, long count, long total, double expected) {
        return new Share(label, count, total == 0 ? 0 : (double) count / total, expected);
    }

    private static <T> Map<T, Double> normalised(WeightedMix<T> mix) {
        double sum = mix.entries().stream().mapToDouble(WeightedMix.Entry::weight).sum();
        Map<T, Double> out = new LinkedHashMap<>();
        for (WeightedMix.Entry<T> e : mix.entries()) out.merge(e.value(), e.weight() / sum, Double::sum);
        return out;
    }
}

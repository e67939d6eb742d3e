package net.azt3knet.application;

import java.util.HashMap;
import java.util.Map;
import net.azt3knet.domain.generation.CountryReference;
import net.azt3knet.domain.population.Gender;

/**
 * The counts a realism report is computed from. Worker threads fill one tally per chunk of agents; the chunks are
 * merged in index order, so the counts do not depend on the thread count.
 */
final class RealismTally {

    /** Upper bounds of the occupation age bands (inclusive); the last band is open. */
    static final int[] BAND_ENDS = {17, 24, 34, 44, 54, 64, 74, Integer.MAX_VALUE};
    static final int STUDENT = 0;
    static final int WORKING = 1;
    static final int RETIRED = 2;
    static final int NOT_WORKING = 3;
    /** The generator's occupation for people neither studying, working nor retired (epoch 2 on). */
    static final String NOT_IN_PAID_WORK = "not in paid work";
    /** Ages tallied one by one: the generator's range ends at 90, 120 leaves room for later epochs. */
    static final int MAX_AGE = 120;

    long agents;
    final long[] genders = new long[Gender.values().length];
    /** Agents by sex ({@link CountryReference#FEMALE}, {@link CountryReference#MALE}) and age in years. */
    final long[][] ages = new long[2][MAX_AGE + 1];
    final Map<String, Long> countries = new HashMap<>();
    /** Given names of female and male agents, by sex. */
    @SuppressWarnings("unchecked")
    final Map<String, Long>[] givenNames = new Map[] {new HashMap<>(), new HashMap<>()};
    final Map<String, Long> surnames = new HashMap<>();
    final Map<String, Long> fullNames = new HashMap<>();
    /** Keyed by country code, a tab, then the city's name (names repeat across countries). */
    final Map<String, Long> cities = new HashMap<>();
    /** Agents per age band and kind ({@link #STUDENT}, {@link #WORKING}, {@link #RETIRED}, {@link #NOT_WORKING}). */
    final long[][] occupations = new long[BAND_ENDS.length][4];
    final Map<String, Long> locales = new HashMap<>();
    /** First languages by place: country code, tab, city, tab, locale. */
    final Map<String, Long> cityLocales = new HashMap<>();
    final Map<String, Long> languages = new HashMap<>();
    long suffixed;
    long largestSuffix;

    void add(RealismSample a) {
        agents++;
        genders[a.gender().ordinal()]++;
        int sex = sex(a.gender());
        if (sex >= 0) {
            ages[sex][Math.min(a.age(), MAX_AGE)]++;
            givenNames[sex].merge(a.givenName(), 1L, Long::sum);
        }
        countries.merge(a.country(), 1L, Long::sum);
        surnames.merge(a.familyName(), 1L, Long::sum);
        fullNames.merge(a.givenName() + ' ' + a.familyName(), 1L, Long::sum);
        cities.merge(a.country() + '\t' + a.city(), 1L, Long::sum);
        occupations[band(a.age())][kind(a.occupation())]++;
        locales.merge(a.locale(), 1L, Long::sum);
        cityLocales.merge(a.country() + '\t' + a.city() + '\t' + a.locale(), 1L, Long::sum);
        for (String language : a.languages()) languages.merge(language, 1L, Long::sum);
        // A hint never ends in a digit, so whatever the username adds to it is the numeric suffix.
        if (!a.username().equals(a.usernameHint()) && a.username().startsWith(a.usernameHint())) {
            suffixed++;
            String digits = a.username().substring(a.usernameHint().length());
            if (digits.chars().allMatch(Character::isDigit) && digits.length() < 19) {
                largestSuffix = Math.max(largestSuffix, Long.parseLong(digits));
            }
        }
    }

    void addAll(RealismTally other) {
        agents += other.agents;
        for (int i = 0; i < genders.length; i++) genders[i] += other.genders[i];
        for (int s = 0; s < 2; s++) {
            for (int age = 0; age <= MAX_AGE; age++) ages[s][age] += other.ages[s][age];
            merge(givenNames[s], other.givenNames[s]);
        }
        merge(countries, other.countries);
        merge(surnames, other.surnames);
        merge(fullNames, other.fullNames);
        merge(cities, other.cities);
        for (int b = 0; b < occupations.length; b++) {
            for (int k = 0; k < occupations[b].length; k++) occupations[b][k] += other.occupations[b][k];
        }
        merge(locales, other.locales);
        merge(cityLocales, other.cityLocales);
        merge(languages, other.languages);
        suffixed += other.suffixed;
        largestSuffix = Math.max(largestSuffix, other.largestSuffix);
    }

    /** The index into the sex-split tables, or -1 for agents whose gender is neither (their names follow neither). */
    static int sex(Gender g) {
        return g == Gender.FEMALE ? CountryReference.FEMALE : g == Gender.MALE ? CountryReference.MALE : -1;
    }

    static int band(int age) {
        int b = 0;
        while (age > BAND_ENDS[b]) b++;
        return b;
    }

    /** Students (school, university), retired people, people not in paid work, everyone else at work. */
    static int kind(String occupation) {
        if (occupation.endsWith("student")) return STUDENT;
        if (occupation.startsWith("retired")) return RETIRED;
        if (occupation.equals(NOT_IN_PAID_WORK)) return NOT_WORKING;
        return WORKING;
    }

    private static void merge(Map<String, Long> into, Map<String, Long> from) {
        from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }
}

package net.azt3knet.domain.generation;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Build tool, not product code: compiles generator epoch 2's resources from {@code ../shared/data}, with names
 * from {@code names2/} (weighted, by birth decade where the source has decades, surnames by grammatical gender).
 * Places, ages and languages are written as epoch 1 writes them ({@link ReferenceDataCompiler#places}), apart from
 * the city districts folded into their city. DATA.md describes every rule.
 */
final class Epoch2DataCompiler {

    /** JMnedict rows are CC BY-SA 4.0: they ship in a file of their own, under that licence. */
    static final String SHARE_ALIKE_SUFFIX = ".jmnedict.tsv";
    /** Where no surname list exists and the family name is the father's given name (Arabic nasab naming). */
    private static final Set<String> PATRONYMIC_SURNAMES = Set.of("EG", "MA", "TN", "LY");
    /**
     * Surnames that mark one sex where the data does not say so (names2 has no sex column outside its gendered
     * countries): in India, Devi, Kumari and Kaur are women's, Kumar men's.
     */
    private static final Map<String, Map<String, String>> SEX_MARKING_SURNAMES = Map.of(
            "IN", Map.of("Devi", "F", "Kumari", "F", "Kaur", "F", "Kumar", "M"));
    /** Districts that GeoNames lists beside the city that contains them (name TAB admin-1 name): left out. */
    private static final Map<String, Set<String>> CITY_DISTRICTS = Map.of(
            "US", Set.of("Brooklyn\tNew York", "Queens\tNew York", "Manhattan\tNew York", "The Bronx\tNew York",
                    "Staten Island\tNew York"));
    /**
     * Usual retirement age (the statutory pension age of 2025, whole years, men's where the law differs by sex),
     * where it is not {@link #DEFAULT_RETIREMENT_AGE}. Entered by hand, meant to follow OECD, Pensions at a Glance
     * 2023, and national laws, but not checked country by country: unverified estimates (DATA.md, "Lives").
     */
    private static final Map<String, Integer> RETIREMENT_AGE = Map.ofEntries(
            Map.entry("US", 67), Map.entry("DE", 66), Map.entry("FR", 64), Map.entry("GB", 66), Map.entry("IT", 67),
            Map.entry("NL", 67), Map.entry("DK", 67), Map.entry("NO", 67), Map.entry("IS", 67), Map.entry("IE", 66),
            Map.entry("ES", 66), Map.entry("AU", 67), Map.entry("GR", 67), Map.entry("PT", 66), Map.entry("IL", 67),
            Map.entry("KR", 63), Map.entry("CZ", 64), Map.entry("SK", 63), Map.entry("CO", 62), Map.entry("CN", 60),
            Map.entry("IN", 60), Map.entry("RU", 64), Map.entry("BY", 63), Map.entry("UA", 60), Map.entry("TR", 60),
            Map.entry("NG", 60), Map.entry("ZA", 60), Map.entry("KE", 60), Map.entry("EG", 60), Map.entry("GH", 60),
            Map.entry("TZ", 60), Map.entry("MA", 63), Map.entry("DZ", 60), Map.entry("SN", 60), Map.entry("TN", 62),
            Map.entry("LY", 65), Map.entry("NP", 60), Map.entry("PH", 60), Map.entry("TW", 65), Map.entry("JP", 65));
    private static final int DEFAULT_RETIREMENT_AGE = 65;

    /**
     * Status shares in percent per age band of {@link #work} and sex (high-school student, university student,
     * employed, retired, not employed), one shape for every country. The employed shares of 25–69 follow the OECD
     * averages of Pensions at a Glance 2023 (both sexes, 2022); the split by sex, 18–24, 70+ and the university
     * shares are unverified estimates (DATA.md, "Lives").
     */
    static final int[][] WORK_SHARES = {
        // F: school, university, employed, retired, not employed; M: the same
        {100, 0, 0, 0, 0, 100, 0, 0, 0, 0},   // 13-17
        {0, 47, 38, 0, 15, 0, 43, 42, 0, 15},  // 18-24
        {0, 8, 72, 0, 20, 0, 7, 82, 0, 11},    // 25-29
        {0, 0, 74, 0, 26, 0, 0, 87, 0, 13},    // 30-54
        {0, 0, 58, 17, 25, 0, 0, 71, 17, 12},  // 55 to the retirement age
        {0, 0, 20, 75, 5, 0, 0, 30, 66, 4},    // retirement age to 69 (or five years on)
        {0, 0, 10, 88, 2, 0, 0, 16, 82, 2},    // to 74
        {0, 0, 3, 97, 0, 0, 0, 7, 93, 0},      // 75-79
        {0, 0, 1, 99, 0, 0, 0, 2, 98, 0},      // 80-90
    };

    /**
     * First languages by region (GeoNames admin-1 name), in percent of residents, rounded: India from the Census of
     * India 2011 (C-16, mother tongue by state; Hindi includes the languages the census groups under it),
     * Switzerland from the Federal Statistical Office's structural survey (main language by canton), Belgium by
     * the language areas of its constitution (Brussels after the BRIO language barometer), Spain from the
     * regional language surveys (habitual language), Canada from the 2021 census (first official language
     * spoken). Regions not listed keep the country-wide draw.
     */
    static final Map<String, Map<String, String>> REGION_LANGUAGES = Map.of(
            "IN", Map.ofEntries(
                    Map.entry("Tamil Nadu", "ta 88 te 6 kn 2 ur 2 ml 2"), Map.entry("Kerala", "ml 97 ta 2 kn 1"),
                    Map.entry("Karnataka", "kn 67 ur 11 te 6 ta 4 mr 4 hi 4 ml 2 kok 2"),
                    Map.entry("Maharashtra", "mr 69 hi 13 ur 7 gu 2 bn 1 te 1 kn 1"),
                    Map.entry("Gujarat", "gu 86 hi 7 mr 2 ur 2"), Map.entry("Andhra Pradesh", "te 89 ur 7 ta 1 kn 1 hi 1"),
                    Map.entry("Telangana", "te 77 ur 12 hi 4 mr 2"), Map.entry("West Bengal", "bn 86 hi 7 ur 2 ne 1 or 1"),
                    Map.entry("Odisha", "or 83 hi 3 te 2 bn 1 ur 1"), Map.entry("Punjab", "pa 90 hi 10"),
                    Map.entry("Assam", "as 48 bn 29 hi 7 ne 2"), Map.entry("Uttar Pradesh", "hi 94 ur 6"),
                    Map.entry("Bihar", "hi 77 mai 13 ur 9"), Map.entry("Madhya Pradesh", "hi 90 mr 2 ur 2"),
                    Map.entry("Rajasthan", "hi 90 pa 1 ur 1"), Map.entry("Haryana", "hi 87 pa 11 ur 1"),
                    Map.entry("Delhi", "hi 81 pa 5 ur 6 bn 1"), Map.entry("Jharkhand", "hi 62 bn 10 ur 6 or 2"),
                    Map.entry("Chhattisgarh", "hi 96 or 1 mr 1"), Map.entry("Uttarakhand", "hi 90 ur 4 pa 3"),
                    Map.entry("Himachal Pradesh", "hi 96 pa 2"), Map.entry("Goa", "kok 66 mr 11 hi 10 kn 5 ur 4"),
                    Map.entry("Jammu and Kashmir", "ks 55 hi 25 pa 2"), Map.entry("Tripura", "bn 65 hi 2"),
                    Map.entry("Puducherry", "ta 89 ml 5 te 3"), Map.entry("Chandigarh", "hi 73 pa 22")),
            "CH", Map.ofEntries(
                    Map.entry("Geneva", "fr 100"), Map.entry("Vaud", "fr 100"), Map.entry("Neuchâtel", "fr 100"),
                    Map.entry("Jura", "fr 100"), Map.entry("Ticino", "it 100"), Map.entry("Fribourg", "fr 70 de 30"),
                    Map.entry("Valais", "fr 69 de 31"), Map.entry("Bern", "de 89 fr 11"), Map.entry("Grisons", "de 75 rm 14 it 11"),
                    Map.entry("Zurich", "de 100"), Map.entry("Lucerne", "de 100"), Map.entry("Zug", "de 100"),
                    Map.entry("Saint Gallen", "de 100"), Map.entry("Solothurn", "de 100"), Map.entry("Basel-Landschaft", "de 100"),
                    Map.entry("Basel-City", "de 100"), Map.entry("Aargau", "de 100"), Map.entry("Thurgau", "de 100"),
                    Map.entry("Schwyz", "de 100"), Map.entry("Schaffhausen", "de 100"), Map.entry("Appenzell Ausserrhoden", "de 100")),
            "BE", Map.of("Flanders", "nl 100", "Wallonia", "fr 99 de 1", "Brussels Capital", "fr 85 nl 15"),
            "ES", Map.of("Catalonia", "es 55 ca 45", "Valencia", "es 75 ca 25", "Balearic Islands", "es 60 ca 40",
                    "Galicia", "gl 52 es 48", "Basque Country", "es 82 eu 18", "Navarre", "es 93 eu 7"),
            "CA", Map.of("Quebec", "fr 85 en 15", "New Brunswick", "en 68 fr 32", "Ontario", "en 96 fr 4",
                    "British Columbia", "en 99 fr 1", "Alberta", "en 98 fr 2", "Manitoba", "en 96 fr 4",
                    "Saskatchewan", "en 99 fr 1", "Nova Scotia", "en 96 fr 4", "Newfoundland and Labrador", "en 100",
                    "Prince Edward Island", "en 97 fr 3"));

    /** Smallest scaled weight of a list: decimal source weights become integers without losing their ratios. */
    private static final long MIN_SCALED_WEIGHT = 1_000;

    private final Path data;
    private final Map<String, Integer> excludedNames = new TreeMap<>();

    private Epoch2DataCompiler(Path data) {
        this.data = data;
    }

    /** The files of epoch 2, by name. */
    static Map<String, String> compile(Path sharedData) {
        return new Epoch2DataCompiler(sharedData).run();
    }

    private record Given(String sex, String decade, BigDecimal weight, String name, boolean shareAlike, String sources) {
    }

    private record Surname(String name, BigDecimal weight, String sex, String sources) {
    }

    /**
     * Name communities the sources mark (by the locale of the list a name came from), keyed by the first languages
     * whose speakers take their names from them; names2 merges them into one list per country. India: faker's
     * Tamil lists for Tamil speakers, its Hindi, Marathi and Gujarati lists for speakers of those languages, its
     * Odia lists for Odia speakers. Other agents draw from the country's whole list.
     */
    static final Map<String, Map<String, List<String>>> COMMUNITIES = Map.of("IN", Map.of(
            "ta", List.of("faker-py:ta_IN", "datafaker:ta"),
            "hi,mr,gu", List.of("faker-py:hi_IN", "faker-py:mr_IN", "faker-py:gu_IN"),
            "or", List.of("faker-py:or_IN")));

    private Map<String, String> run() {
        Map<String, List<Given>> given = new TreeMap<>();
        for (String[] r : ReferenceDataCompiler.csv(data, "names2/given_names.csv")) {
            given.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new Given(r[1], r[4].isEmpty() ? "-" : r[4],
                    new BigDecimal(r[3]), r[2], onlyFrom(r[5], "jmnedict"), r[5]));
        }
        Map<String, List<Surname>> surnames = new TreeMap<>();
        for (String[] r : ReferenceDataCompiler.csv(data, "names2/surnames.csv")) {
            surnames.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new Surname(r[1], new BigDecimal(r[2]), r[3], r[4]));
        }
        Map<String, String[]> stats = new HashMap<>();
        for (String[] r : ReferenceDataCompiler.csv(data, "names2/stats.csv")) stats.put(r[0], r);
        Map<String, List<String[]>> cityRows = ReferenceDataCompiler.groupBy(
                ReferenceDataCompiler.tsv(data, "cities/geonames_cities15000.tsv"), r -> r[6]);
        Map<String, List<String[]>> ageRows = ReferenceDataCompiler.groupBy(
                ReferenceDataCompiler.csv(data, "age/wpp2024_population_by_age5_sex_2023.csv"), r -> r[0]);
        Map<String, List<String[]>> languageRows = ReferenceDataCompiler.groupBy(
                ReferenceDataCompiler.csv(data, "locale/country_languages_cldr.csv"), r -> r[0]);
        Map<String, String[]> countryInfo = new HashMap<>();
        for (String line : ReferenceDataCompiler.lines(data, "geo/geonames_countryInfo.tsv")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            countryInfo.put(f[0], f);
        }

        TreeSet<String> supported = new TreeSet<>();
        for (String cc : given.keySet()) {
            boolean bothSexes = given.get(cc).stream().anyMatch(g -> g.sex.equals("F") && g.decade.equals("-"))
                    && given.get(cc).stream().anyMatch(g -> g.sex.equals("M") && g.decade.equals("-"));
            boolean familyNames = surnames.containsKey(cc) || PATRONYMIC_SURNAMES.contains(cc);
            if (bothSexes && familyNames && cityRows.containsKey(cc) && ageRows.containsKey(cc)
                    && languageRows.containsKey(cc) && countryInfo.containsKey(cc)) {
                supported.add(cc);
            }
        }

        Map<String, String> files = new TreeMap<>();
        StringBuilder index = new StringBuilder();
        index.append("# Azt3kNet reference data, generator epoch 2. Generated by Epoch2DataCompiler from ../shared/data;\n")
             .append("# sources, licences and transformations in DATA.md. Frozen: a change needs a new epoch.\n")
             .append("# code\tname\tcontinent\tthin\tgiven_F\tgiven_M\tsurnames\tsources\n");
        for (String cc : supported) {
            String[] info = countryInfo.get(cc);
            StringBuilder out = new StringBuilder();
            Map<String, String> regions = REGION_LANGUAGES.getOrDefault(cc, Map.of());
            Set<String> regional = new TreeSet<>();
            regions.values().forEach(v -> { String[] f = v.split(" "); for (int i = 0; i < f.length; i += 2) regional.add(f[i]); });
            ReferenceDataCompiler.places(out, cc, info, cityRows.get(cc), ageRows.get(cc), languageRows.get(cc),
                    CITY_DISTRICTS.getOrDefault(cc, Set.of()), regional);
            // region NAME LANG PERCENT LANG PERCENT …: the region's first languages (after the lang lines they name).
            new TreeMap<>(regions).forEach((region, shares) -> out.append("region\t").append(region).append('\t')
                    .append(shares.replace(' ', '\t')).append('\n'));
            work(RETIREMENT_AGE.getOrDefault(cc, DEFAULT_RETIREMENT_AGE), out);
            StringBuilder shareAlike = new StringBuilder();
            writeGiven(cc, given.get(cc), out, shareAlike);
            writeSurnames(cc, surnames.getOrDefault(cc, patronymics(given.get(cc))), out);
            new TreeMap<>(COMMUNITIES.getOrDefault(cc, Map.of())).forEach((languages, sources) ->
                    community(cc, languages, sources, given.get(cc), surnames.get(cc), out));
            files.put(cc + ".tsv", out.toString());
            if (!shareAlike.isEmpty()) files.put(cc + SHARE_ALIKE_SUFFIX, shareAlike.toString());
            String[] s = stats.get(cc);
            boolean thin = s[6].equals("yes") || PATRONYMIC_SURNAMES.contains(cc);
            index.append(cc).append('\t').append(info[4]).append('\t').append(info[8]).append('\t')
                 .append(thin ? "thin" : "").append('\t').append(s[1]).append('\t').append(s[2]).append('\t')
                 .append(s[4]).append('\t').append(s[7]).append('\n');
        }
        files.put("countries.tsv", index.toString());
        files.put("NAMES-LICENSES.txt", namesLicences());
        files.put("JMNEDICT-LICENSE.txt", JMNEDICT_LICENCE);
        files.put("CLDR-LICENSE.txt", String.join("\n", ReferenceDataCompiler.lines(data, "locale/CLDR-LICENSE.txt")) + "\n");
        StringBuilder excluded = new StringBuilder("# names left out because they have no ASCII transliteration\n");
        excludedNames.forEach((cc, n) -> excluded.append(cc).append('\t').append(n).append('\n'));
        files.put("excluded-names.txt", excluded.toString());
        return files;
    }

    /**
     * {@code work SEX FROM TO SCHOOL UNIVERSITY EMPLOYED RETIRED NOT_EMPLOYED}: the status shares of each age from
     * 13 to 90, in bands around the country's retirement age {@code r}.
     */
    static void work(int r, StringBuilder out) {
        int[][] bands = {
            {13, 17}, {18, 24}, {25, 29}, {30, 54}, {55, r - 1}, {r, Math.max(69, r + 4)}, {Math.max(70, r + 5), 74},
            {75, 79}, {80, 90}};
        for (int sex = 0; sex < 2; sex++) {
            for (int b = 0; b < bands.length; b++) {
                int from = bands[b][0];
                int to = bands[b][1];
                if (from > to) continue;
                out.append("work\t").append(sex == 0 ? 'F' : 'M').append('\t').append(from).append('\t').append(to);
                for (int k = 0; k < 5; k++) out.append('\t').append(WORK_SHARES[b][5 * sex + k]);
                out.append('\n');
            }
        }
    }

    private static final String MIT = """
            Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
            associated documentation files (the "Software"), to deal in the Software without restriction, including
            without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
            copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
            following conditions:

            The above copyright notice and this permission notice shall be included in all copies or substantial
            portions of the Software.

            THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
            LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
            EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
            IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR
            THE USE OR OTHER DEALINGS IN THE SOFTWARE.
            """;

    private static final String JMNEDICT_LICENCE = """
            The files *.jmnedict.tsv of this directory (Japanese given names and their romanised readings) are
            adapted from JMnedict, the Japanese proper-names dictionary of the Electronic Dictionary Research and
            Development Group (EDRDG), https://www.edrdg.org/enamdict/enamdict_doc.html, via the (m)/(f) lists of
            rgamici/japanese-names@1d956ba5a7401d1b444e4457cffc851965876b7d. JMnedict is licensed under the
            Creative Commons Attribution-ShareAlike 4.0 International licence,
            https://creativecommons.org/licenses/by-sa/4.0/legalcode, and so are these adapted files: they are
            separate from the rest of this directory, which is not under that licence. Changes: readings made
            passport-style (macrons dropped, long ou/uu shortened), ASCII forms added, weights added.
            """;

    /** The notices the name sources' licences ask to ship with their data (names2/PROVENANCE.md). */
    private static String namesLicences() {
        return "Given names and surnames of generator epoch 2 are compiled from these sources (DATA.md):\n\n"
                + "== Python Faker (joke2k/faker), MIT License ==\nCopyright (c) 2012 Daniele Faraglia\n\n" + MIT
                + "\n== faker-js (faker-js/faker), MIT License ==\nCopyright (c) 2022-2024 Faker\n\n" + MIT
                + "\n== pinyin-data (mozillazg/pinyin-data), MIT License ==\nCopyright (c) 2016 mozillazg\n\n" + MIT
                + "\n== randname (ajwalkiewicz/randname), MIT License ==\nCopyright (c) 2021 Adam Walkiewicz\n\n" + MIT
                + "\n== ONS baby names (England and Wales), via rossbowen/babynames ==\n"
                + "Contains public sector information licensed under the Open Government Licence v3.0.\n"
                + "\n== INSEE, Fichier des prénoms, via ghesrob/prenomsFR ==\n"
                + "Source : Insee, Fichier des prénoms (fichier national nat2018, naissances 1900–2018), Licence Ouverte 2.0.\n"
                + "\n== US Social Security Administration, US Census Bureau ==\nPublic domain.\n"
                + "\n== popular-names-by-country-dataset (sigpwned) ==\nCC0 1.0.\n"
                + "\n== Datafaker (datafaker-net/datafaker), Apache License 2.0 ==\n\n"
                + String.join("\n", ReferenceDataCompiler.lines(licences(), "Apache-2.0.txt")) + "\n";
    }

    private static Path licences() {
        try {
            return Path.of(Epoch2DataCompiler.class.getResource("/licences/Apache-2.0.txt").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when every source of a row is {@code source} (so the row exists only thanks to it). */
    private static boolean onlyFrom(String sources, String source) {
        for (String s : sources.split("\\|")) if (!s.startsWith(source)) return false;
        return true;
    }

    /**
     * Given names per (sex, decade) list, the undated layer ({@code -}) first. Weights are scaled per list to
     * integers; JMnedict rows go to {@code shareAlike} on the same scale as their list.
     */
    private void writeGiven(String cc, List<Given> rows, StringBuilder out, StringBuilder shareAlike) {
        // One contiguous section per (sex, decade), as the loader reads them: F then M, the undated layer first.
        Map<String, List<Given>> ordered = new TreeMap<>();
        for (Given g : rows) ordered.computeIfAbsent(g.sex + (g.decade.equals("-") ? "0000" : g.decade), k -> new ArrayList<>()).add(g);
        for (List<Given> list : ordered.values()) {
            BigDecimal scale = scale(list.stream().map(Given::weight).toList());
            for (Given g : list) {
                String ascii = ascii(g.name);
                if (ascii == null) {
                    excludedNames.merge(cc, 1, Integer::sum);
                    continue;
                }
                (g.shareAlike ? shareAlike : out).append("given\t").append(g.sex).append('\t').append(g.decade).append('\t')
                        .append(scaled(g.weight, scale)).append('\t').append(ReferenceDataCompiler.display(g.name))
                        .append('\t').append(ascii).append('\n');
            }
        }
    }

    /**
     * Surnames on one scale for the country. Where the data (or {@link #SEX_MARKING_SURNAMES}) gives a sex, the
     * lists are per sex: a form of one sex stands for the people of that sex (weight doubled), a form both sexes
     * share is in both lists (weight once), so each list keeps the source's proportions.
     */
    private void writeSurnames(String cc, List<Surname> rows, StringBuilder out) {
        writeSurnames(cc, rows, "surname\t", gendered(cc, rows), out);
    }

    /** Whether the country's surnames are per sex: the data or {@link #SEX_MARKING_SURNAMES} gives some a sex. */
    private static boolean gendered(String cc, List<Surname> rows) {
        Map<String, String> marking = SEX_MARKING_SURNAMES.getOrDefault(cc, Map.of());
        return rows.stream().anyMatch(s -> !s.sex.isEmpty() || marking.containsKey(s.name));
    }

    private void writeSurnames(String cc, List<Surname> rows, String prefix, boolean gendered, StringBuilder out) {
        Map<String, String> marking = SEX_MARKING_SURNAMES.getOrDefault(cc, Map.of());
        List<Surname> sexed = rows.stream()
                .map(s -> marking.containsKey(s.name) ? new Surname(s.name, s.weight, marking.get(s.name), s.sources) : s).toList();
        BigDecimal scale = scale(sexed.stream().map(Surname::weight).toList());
        Map<String, StringBuilder> bySex = new LinkedHashMap<>();
        for (String sex : gendered ? List.of("F", "M") : List.of("-")) bySex.put(sex, new StringBuilder());
        for (Surname s : sexed) {
            String ascii = ascii(s.name);
            if (ascii == null) {
                excludedNames.merge(cc, 1, Integer::sum);
                continue;
            }
            String display = ReferenceDataCompiler.display(s.name);
            for (var e : bySex.entrySet()) {
                String sex = e.getKey();
                if (gendered && !s.sex.isEmpty() && !s.sex.equals(sex)) continue;
                long w = scaled(s.weight, scale) * (gendered && !s.sex.isEmpty() ? 2 : 1);
                e.getValue().append(prefix).append(sex).append('\t').append(w).append('\t').append(display)
                        .append('\t').append(ascii).append('\n');
            }
        }
        bySex.values().forEach(out::append);
    }

    /**
     * Epoch 1's ASCII form, plus Azerbaijani schwa as {@code a} (Məmmədov → mammadov, as passports spell it),
     * which epoch 1 left out with the whole name.
     */
    static String ascii(String name) {
        return ReferenceDataCompiler.ascii(name.replace('ə', 'a').replace('Ə', 'A'));
    }

    /**
     * {@code people LANGUAGES given SEX WEIGHT DISPLAY ASCII} and {@code people LANGUAGES surname SEX …}: the
     * undated given names and the surnames that came from one of {@code sources}, on the country lists' scales.
     */
    private void community(String cc, String languages, List<String> sources, List<Given> given, List<Surname> surnames,
                           StringBuilder out) {
        java.util.function.Predicate<String> fromCommunity = list -> {
            for (String source : list.split("\\|")) {
                if (sources.contains(source.replaceAll("~.*", ""))) return true;
            }
            return false;
        };
        for (String sex : List.of("F", "M")) {
            List<Given> list = given.stream().filter(g -> g.sex.equals(sex) && g.decade.equals("-")).toList();
            BigDecimal scale = scale(list.stream().map(Given::weight).toList());
            for (Given g : list) {
                if (!fromCommunity.test(g.sources)) continue;
                out.append("people\t").append(languages).append("\tgiven\t").append(sex).append('\t')
                   .append(scaled(g.weight, scale)).append('\t').append(ReferenceDataCompiler.display(g.name)).append('\t')
                   .append(ascii(g.name)).append('\n');
            }
        }
        List<Surname> own = surnames.stream().filter(s -> fromCommunity.test(s.sources)).toList();
        // Per sex exactly when the country's list is, so a community list replaces it sex for sex.
        writeSurnames(cc, own, "people\t" + languages + "\tsurname\t", gendered(cc, surnames), out);
    }

    /** Family names from the father's given name: the male undated list, with its weights. */
    private static List<Surname> patronymics(List<Given> given) {
        return given.stream().filter(g -> g.sex.equals("M") && g.decade.equals("-") && !g.shareAlike)
                .map(g -> new Surname(g.name, g.weight, "", g.sources)).toList();
    }

    /** 1 for whole counts; for decimal weights, a power of ten that makes the smallest at least {@link #MIN_SCALED_WEIGHT}. */
    private static BigDecimal scale(List<BigDecimal> weights) {
        if (weights.stream().allMatch(w -> w.stripTrailingZeros().scale() <= 0)) return BigDecimal.ONE;
        BigDecimal min = weights.stream().filter(w -> w.signum() > 0).min(BigDecimal::compareTo).orElse(BigDecimal.ONE);
        BigDecimal scale = BigDecimal.ONE;
        while (min.multiply(scale).compareTo(BigDecimal.valueOf(MIN_SCALED_WEIGHT)) < 0) scale = scale.multiply(BigDecimal.TEN);
        return scale;
    }

    private static long scaled(BigDecimal weight, BigDecimal scale) {
        return Math.max(1, weight.multiply(scale).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
    }
}

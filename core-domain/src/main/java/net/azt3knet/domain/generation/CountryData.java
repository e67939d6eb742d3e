package net.azt3knet.domain.generation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One country's frozen reference data (names, cities, age structure, languages), parsed from the epoch's
 * resource file on first use and shared read-only afterwards.
 *
 * <p>The file is parsed as bytes and text is kept as UTF-8: the canonical-JSON path copies it as it is (after a
 * check that it needs no escaping), and strings are only made when a profile is materialised. Loading the US
 * (50,000 lines) this way takes a fraction of what line-by-line string parsing took.
 */
final class CountryData {

    static final int FEMALE = 0;
    static final int MALE = 1;
    /** Age groups are five years wide, from 0 to the open group 100+. */
    static final int AGE_GROUPS = 21;

    private static final Map<String, CountryData> CACHE = new ConcurrentHashMap<>();

    final String code;
    final boolean familyNameFirst;
    String[] languages;
    String[] localeTags;
    double[] languagePercents;
    /** Official, de facto official or regionally official: candidates for an agent's first language. */
    boolean[] languageOfficial;
    byte[][] languagesJson;
    byte[][] localeTagsJson;
    byte[] codeJson;
    final Cities cities = new Cities();
    final long[][] ageGroups = new long[2][AGE_GROUPS];
    /** Oldest age with a status row. */
    static final int MAX_WORK_AGE = 90;
    /**
     * Epoch 2 on, in multilingual countries: per city, the index into {@link #regionLanguages} of its region's
     * first languages, or -1 where the country-wide draw applies; null where no region has its own.
     */
    int[] cityRegion;
    /** Per region with its own first languages: its name, language indexes, and their shares in percent. */
    String[] regionNames;
    int[][] regionLanguages;
    double[][] regionShares;
    private final List<String[]> regionRows = new ArrayList<>();
    /**
     * Epoch 2 on, where the sources mark name communities (India): per language index, the given names (by sex)
     * and surnames (by sex) of the community whose speakers take their names from it; null entries elsewhere.
     */
    Names[][] communityGiven;
    Names[][] communitySurnames;
    private final Map<String, Names[]> peopleGiven = new TreeMap<>();
    private final Map<String, Names[]> peopleSurnames = new TreeMap<>();
    /** Epoch 2 on: per sex and age, percent of people in each {@link #STATUSES} status; null in epoch 1. */
    int[][][] work;
    /** High-school student, university student, employed, retired, not in paid work. */
    static final int STATUSES = 5;
    /** Given names by sex and birth decade; decade 0 means "any decade". */
    final List<TreeMap<Integer, Names>> given = List.of(new TreeMap<>(), new TreeMap<>());
    /** Surnames by sex, or one shared list under FEMALE and MALE alike. */
    final Names[] surnames = new Names[2];
    private final List<String[]> languageRows = new ArrayList<>();

    /** Names as UTF-8 display text (JSON-ready), ASCII username parts, and their alias table by weight. */
    static final class Names {
        private final Texts.Builder displays = new Texts.Builder();
        private final Texts.Builder asciis = new Texts.Builder();
        private long[] weights = new long[64];
        private int size;
        byte[][] displayRaw;
        /**
         * What generation reads, packed: name i's display form as JSON string content is {@code pool[bounds[2i],
         * bounds[2i+1])}, its ASCII username part {@code pool[bounds[2i+1], bounds[2i+2])}. One array of bytes and
         * one of ints instead of two arrays of arrays: a draw from the 88,799 US surnames touches two or three
         * cache lines instead of four or more, and the working set is less than half as large.
         */
        byte[] pool;
        int[] bounds;
        AliasTable table;

        private void add(byte[] line, int[] start, int[] end, int display, int ascii, int weight) {
            displays.add(line, start[display], end[display]);
            asciis.add(line, start[ascii], end[ascii]);
            if (size == weights.length) weights = Arrays.copyOf(weights, size * 2);
            weights[size++] = parseLong(line, start[weight], end[weight]);
        }

        private void freeze() {
            displayRaw = displays.raw();
            displayStrings = new String[displayRaw.length];
            byte[][] json = Texts.json(displayRaw);
            byte[][] ascii = asciis.raw();
            int total = 0;
            for (int i = 0; i < json.length; i++) total += json[i].length + ascii[i].length;
            pool = new byte[total];
            bounds = new int[2 * json.length + 1];
            int at = 0;
            for (int i = 0; i < json.length; i++) {
                bounds[2 * i] = at;
                System.arraycopy(json[i], 0, pool, at, json[i].length);
                at += json[i].length;
                bounds[2 * i + 1] = at;
                System.arraycopy(ascii[i], 0, pool, at, ascii[i].length);
                at += ascii[i].length;
            }
            bounds[2 * json.length] = at;
            table = AliasTable.of(Arrays.copyOf(weights, size));
        }

        private String[] displayStrings;

        int size() {
            return displayRaw.length;
        }

        /** Name {@code i}'s weight in the source (a count, a share or 1/rank; see DATA.md). */
        long weight(int i) {
            return weights[i];
        }

        /** The display form of name {@code i}, as a string (profiles, CSV, tables); decoded once, then shared. */
        String display(int i) {
            String s = displayStrings[i];
            if (s == null) displayStrings[i] = s = Texts.string(displayRaw[i]); // a race only decodes twice: strings are immutable
            return s;
        }
    }

    /** Cities: names (UTF-8, JSON-ready), ASCII names for matching, IANA time zones, populations. */
    static final class Cities {
        private final Texts.Builder nameBuilder = new Texts.Builder();
        private final Texts.Builder asciiBuilder = new Texts.Builder();
        private final Texts.Builder zoneBuilder = new Texts.Builder();
        private final Texts.Builder regionBuilder = new Texts.Builder();
        private long[] populationList = new long[64];
        private int size;
        byte[][] namesRaw;
        byte[][] namesJson;
        byte[][] asciiNames;
        byte[][] timezonesRaw;
        byte[][] timezonesJson;
        /** First-level administrative regions (state, canton, …) as UTF-8; read by reports only, not by generation. */
        byte[][] regionsRaw;
        long[] populations;

        /** City lines from {@code pos} on: {@code city POPULATION NAME ASCII REGION ZONE}; returns the next position. */
        private int section(byte[] file, int pos, int[] start, int[] end) {
            while (pos < file.length && file[pos] == 'c') {
                int eol = endOfLine(file, pos);
                split(file, pos, eol, start, end);
                add(file, start, end);
                pos = eol + 1;
            }
            return pos;
        }

        private void add(byte[] line, int[] start, int[] end) {
            if (size == populationList.length) populationList = Arrays.copyOf(populationList, size * 2);
            populationList[size++] = parseLong(line, start[1], end[1]);
            nameBuilder.add(line, start[2], end[2]);
            asciiBuilder.add(line, start[3], end[3]);
            zoneBuilder.add(line, start[5], end[5]);
            regionBuilder.add(line, start[4], end[4]);
        }

        private void freeze() {
            namesRaw = nameBuilder.raw();
            namesJson = Texts.json(namesRaw);
            asciiNames = asciiBuilder.raw();
            timezonesRaw = zoneBuilder.raw();
            timezonesJson = Texts.json(timezonesRaw);
            regionsRaw = regionBuilder.raw();
            nameStrings = new String[namesRaw.length];
            timezoneStrings = new String[timezonesRaw.length];
            populations = Arrays.copyOf(populationList, size);
        }

        int size() {
            return populations.length;
        }

        private String[] nameStrings;
        private String[] timezoneStrings;

        /** City {@code i}'s name; decoded once, then shared (a race only decodes twice: strings are immutable). */
        String name(int i) {
            String s = nameStrings[i];
            if (s == null) nameStrings[i] = s = Texts.string(namesRaw[i]);
            return s;
        }

        String asciiName(int i) {
            return new String(asciiNames[i], StandardCharsets.UTF_8);
        }

        String timezone(int i) {
            String s = timezoneStrings[i];
            if (s == null) timezoneStrings[i] = s = Texts.string(timezonesRaw[i]);
            return s;
        }
    }

    private CountryData(String code, boolean familyNameFirst) {
        this.code = code;
        this.familyNameFirst = familyNameFirst;
    }

    /** The data of a supported country of {@code epoch}. */
    static CountryData of(int epoch, String code) {
        return CACHE.computeIfAbsent(epoch + "/" + code, k -> load(epoch, code));
    }

    private static CountryData load(int epoch, String code) {
        String resource = "/net/azt3knet/domain/generation/epoch" + epoch + "/" + code + ".tsv";
        byte[] file = read(resource);
        if (file == null) throw new IllegalStateException("no reference data for country " + code + " (" + resource + ")");
        // Names under another licence (CC BY-SA 4.0 JMnedict rows) ship in a file of their own: read as more lines.
        byte[] shareAlike = epoch >= 2 ? read("/net/azt3knet/domain/generation/epoch" + epoch + "/" + code + ".jmnedict.tsv") : null;
        if (shareAlike != null) {
            byte[] both = Arrays.copyOf(file, file.length + shareAlike.length);
            System.arraycopy(shareAlike, 0, both, file.length, shareAlike.length);
            file = both;
        }
        // The bulk sections (given names, surnames, cities) each run in a loop of their own with a small body: one
        // loop over every kind of line was a large method for the JIT, whose optimising compile of it (~150 ms of
        // compiler time) landed after loading had finished and delayed the compiles that generation needs.
        CountryData data = null;
        int[] start = new int[40];
        int[] end = new int[40];
        for (int pos = 0; pos < file.length; ) {
            switch (file[pos]) {
                case 'g' -> pos = data.givenSection(file, pos, start, end);
                case 's' -> pos = data.surnameSection(file, pos, start, end);
                case 'c' -> pos = data.cities.section(file, pos, start, end);
                default -> {
                    int eol = endOfLine(file, pos);
                    int fields = split(file, pos, eol, start, end);
                    switch (file[pos]) {
                        case 'm' -> data = new CountryData(text(file, start[1], end[1]), text(file, start[4], end[4]).equals("family_given"));
                        case 'l' -> data.languageRows.add(new String[] {text(file, start[1], end[1]), text(file, start[2], end[2]),
                                text(file, start[3], end[3]), fields > 4 ? text(file, start[4], end[4]) : ""});
                        case 'w' -> data.workBand(file, start, end);
                        case 'p' -> data.people(file, start, end);
                        case 'r' -> {
                            String[] row = new String[fields - 1];
                            for (int k = 1; k < fields; k++) row[k - 1] = text(file, start[k], end[k]);
                            data.regionRows.add(row);
                        }
                        case 'a' -> data.ageGroups[sex(file[start[1]])][(int) parseLong(file, start[2], end[2]) / 5] =
                                parseLong(file, start[3], end[3]);
                        default -> throw new IllegalStateException("unexpected line in " + resource + " at byte " + pos);
                    }
                    pos = eol + 1;
                }
            }
        }
        data.freeze();
        return data;
    }

    /** {@code people LANGUAGES given|surname SEX|- WEIGHT DISPLAY ASCII}: a line of a name community. */
    private void people(byte[] file, int[] start, int[] end) {
        String languages = text(file, start[1], end[1]);
        boolean given = file[start[2]] == 'g';
        Names[] bySex = (given ? peopleGiven : peopleSurnames).computeIfAbsent(languages, k -> new Names[2]);
        if (file[start[3]] == '-') {
            if (bySex[FEMALE] == null) bySex[FEMALE] = bySex[MALE] = new Names();
            bySex[FEMALE].add(file, start, end, 5, 6, 4);
        } else {
            int sex = sex(file[start[3]]);
            if (bySex[sex] == null) bySex[sex] = new Names();
            bySex[sex].add(file, start, end, 5, 6, 4);
        }
    }

    /** Community lists to arrays indexed by the languages they are for. */
    private void communities() {
        communityGiven = new Names[languages.length][];
        communitySurnames = new Names[languages.length][];
        List<String> codes = Arrays.asList(languages);
        for (String key : peopleGiven.keySet()) {
            Names[] given = peopleGiven.get(key);
            Names[] family = peopleSurnames.get(key);
            if (given[FEMALE] == null || given[MALE] == null || family == null || family[FEMALE] == null || family[MALE] == null) {
                throw new IllegalStateException("name community " + key + " of " + code + " lacks names of a sex");
            }
            for (Names[] pair : List.of(given, family)) {
                pair[FEMALE].freeze();
                if (pair[MALE] != pair[FEMALE]) pair[MALE].freeze();
            }
            for (String language : key.split(",")) {
                int i = codes.indexOf(language);
                if (i < 0) throw new IllegalStateException("name community " + key + " of " + code + " names a language without a lang line");
                communityGiven[i] = given;
                communitySurnames[i] = family;
            }
        }
    }

    /** Region rows ({@code NAME LANG PERCENT …}) to language tables, and each city to its region's table. */
    private void regions() {
        Map<String, Integer> byName = new java.util.HashMap<>();
        regionNames = new String[regionRows.size()];
        regionLanguages = new int[regionRows.size()][];
        regionShares = new double[regionRows.size()][];
        List<String> codes = Arrays.asList(languages);
        for (int r = 0; r < regionRows.size(); r++) {
            String[] row = regionRows.get(r);
            byName.put(row[0], r);
            regionNames[r] = row[0];
            int n = (row.length - 1) / 2;
            regionLanguages[r] = new int[n];
            regionShares[r] = new double[n];
            for (int k = 0; k < n; k++) {
                int language = codes.indexOf(row[1 + 2 * k]);
                if (language < 0) throw new IllegalStateException("region " + row[0] + " of " + code + " names a language without a lang line: " + row[1 + 2 * k]);
                regionLanguages[r][k] = language;
                regionShares[r][k] = Double.parseDouble(row[2 + 2 * k]);
            }
        }
        cityRegion = new int[cities.size()];
        for (int c = 0; c < cityRegion.length; c++) {
            Integer r = byName.get(Texts.string(cities.regionsRaw[c]));
            cityRegion[c] = r == null ? -1 : r;
        }
    }

    /** {@code work SEX FROM TO SHARE…}: the status shares of ages FROM to TO. */
    private void workBand(byte[] file, int[] start, int[] end) {
        if (work == null) work = new int[2][MAX_WORK_AGE + 1][];
        int sex = sex(file[start[1]]);
        int[] shares = new int[STATUSES];
        for (int k = 0; k < STATUSES; k++) shares[k] = (int) parseLong(file, start[4 + k], end[4 + k]);
        for (int age = (int) parseLong(file, start[2], end[2]); age <= parseLong(file, start[3], end[3]); age++) work[sex][age] = shares;
    }

    private static byte[] read(String resource) {
        try (InputStream in = CountryData.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Given-name lines from {@code pos} on: {@code given SEX DECADE WEIGHT DISPLAY ASCII}; returns the next position. */
    private int givenSection(byte[] file, int pos, int[] start, int[] end) {
        Names[] into = null;
        byte sexCode = 0;
        int decade = -1;
        while (pos < file.length && file[pos] == 'g') {
            int eol = endOfLine(file, pos);
            split(file, pos, eol, start, end);
            int lineDecade = file[start[2]] == '-' ? 0 : (int) parseLong(file, start[2], end[2]);
            if (into == null || file[start[1]] != sexCode || lineDecade != decade) {
                sexCode = file[start[1]];
                decade = lineDecade;
                int[] sexes = sexes(sexCode);
                into = new Names[sexes.length];
                for (int i = 0; i < sexes.length; i++) into[i] = given.get(sexes[i]).computeIfAbsent(lineDecade, d -> new Names());
            }
            for (Names names : into) names.add(file, start, end, 4, 5, 3);
            pos = eol + 1;
        }
        return pos;
    }

    /** Surname lines from {@code pos} on: {@code surname SEX|- WEIGHT DISPLAY ASCII}; returns the next position. */
    private int surnameSection(byte[] file, int pos, int[] start, int[] end) {
        while (pos < file.length && file[pos] == 's') {
            int eol = endOfLine(file, pos);
            split(file, pos, eol, start, end);
            int sex = file[start[1]] == '-' ? -1 : sex(file[start[1]]);
            if (sex < 0) {
                if (surnames[FEMALE] == null) surnames[FEMALE] = surnames[MALE] = new Names();
                surnames[FEMALE].add(file, start, end, 3, 4, 2);
            } else {
                if (surnames[sex] == null) surnames[sex] = new Names();
                surnames[sex].add(file, start, end, 3, 4, 2);
            }
            pos = eol + 1;
        }
        return pos;
    }

    private static int endOfLine(byte[] file, int pos) {
        int eol = pos;
        while (eol < file.length && file[eol] != '\n') eol++;
        return eol;
    }

    /** Lists to arrays and alias tables, once, before any worker reads them. */
    private void freeze() {
        cities.freeze();
        for (TreeMap<Integer, Names> byDecade : given) byDecade.values().forEach(Names::freeze);
        surnames[FEMALE].freeze();
        if (surnames[MALE] != surnames[FEMALE]) surnames[MALE].freeze();
        languages = languageRows.stream().map(r -> r[0]).toArray(String[]::new);
        localeTags = languageRows.stream().map(r -> r[1]).toArray(String[]::new);
        languagePercents = languageRows.stream().mapToDouble(r -> Double.parseDouble(r[2])).toArray();
        languagesJson = Texts.json(languages);
        localeTagsJson = Texts.json(localeTags);
        codeJson = Texts.json(code);
        if (!regionRows.isEmpty()) regions();
        if (!peopleGiven.isEmpty()) communities();
        languageOfficial = new boolean[languages.length];
        for (int i = 0; i < languages.length; i++) {
            String status = languageRows.get(i)[3];
            languageOfficial[i] = status.startsWith("official") || status.startsWith("de_facto");
        }
    }

    private static int sex(byte code) {
        return code == 'F' ? FEMALE : MALE;
    }

    private static int[] sexes(byte code) {
        return code == 'F' ? new int[] {FEMALE} : code == 'M' ? new int[] {MALE} : new int[] {FEMALE, MALE};
    }

    /** Tab-separated fields of file[from, to) into start/end; returns the field count. */
    private static int split(byte[] file, int from, int to, int[] start, int[] end) {
        int n = 0;
        int s = from;
        for (int i = from; i <= to && n < start.length; i++) {
            if (i == to || file[i] == '\t') {
                start[n] = s;
                end[n++] = i;
                s = i + 1;
            }
        }
        return n;
    }

    private static long parseLong(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) throw new IllegalStateException("not a number in reference data at byte " + i);
            v = v * 10 + digit;
        }
        return v;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}

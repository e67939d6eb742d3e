package net.azt3knet.domain.generation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One country's frozen reference data (names, cities, age structure, languages), parsed from the epoch's
 * resource file on first use and shared read-only afterwards.
 */
final class CountryData {

    static final int FEMALE = 0;
    static final int MALE = 1;
    /** Age groups are five years wide, from 0 to the open group 100+. */
    static final int AGE_GROUPS = 21;

    private static final Map<String, CountryData> CACHE = new ConcurrentHashMap<>();

    final String code;
    final boolean familyNameFirst;
    private final List<String[]> languageRows = new ArrayList<>();
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
    /** Given names by sex and birth decade; decade 0 means "any decade". */
    final List<TreeMap<Integer, Names>> given = List.of(new TreeMap<>(), new TreeMap<>());
    /** Surnames by sex, or one shared list under FEMALE and MALE alike. */
    final Names[] surnames = new Names[2];

    /** Parallel arrays of names: display form, ASCII form, and their alias table by weight. */
    static final class Names {
        private final List<String[]> rows = new ArrayList<>();
        String[] display;
        String[] ascii;
        AliasTable table;
        byte[][] displayJson;
        byte[][] asciiBytes;

        private void freeze() {
            display = rows.stream().map(r -> r[0]).toArray(String[]::new);
            ascii = rows.stream().map(r -> r[1]).toArray(String[]::new);
            table = AliasTable.of(rows.stream().mapToLong(r -> Long.parseLong(r[2])).toArray());
            displayJson = Texts.json(display);
            asciiBytes = Texts.ascii(ascii);
        }
    }

    /** Parallel arrays of cities. */
    static final class Cities {
        private final List<String[]> rows = new ArrayList<>();
        String[] names;
        String[] asciiNames;
        String[] timezones;
        long[] populations;
        byte[][] namesJson;
        byte[][] timezonesJson;

        private void freeze() {
            names = rows.stream().map(r -> r[0]).toArray(String[]::new);
            asciiNames = rows.stream().map(r -> r[1]).toArray(String[]::new);
            timezones = rows.stream().map(r -> r[3]).toArray(String[]::new);
            populations = rows.stream().mapToLong(r -> Long.parseLong(r[4])).toArray();
            namesJson = Texts.json(names);
            timezonesJson = Texts.json(timezones);
        }
    }

    private CountryData(String code, boolean familyNameFirst) {
        this.code = code;
        this.familyNameFirst = familyNameFirst;
    }

    /** The data of a supported country of epoch 1. */
    static CountryData of(String code) {
        return CACHE.computeIfAbsent(code, CountryData::load);
    }

    private static CountryData load(String code) {
        String resource = "/net/azt3knet/domain/generation/epoch1/" + code + ".tsv";
        try (InputStream in = CountryData.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no reference data for country " + code + " (" + resource + ")");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            CountryData data = null;
            String[] f = new String[8];
            for (String line; (line = reader.readLine()) != null; ) {
                int n = split(line, f);
                switch (f[0]) {
                    case "meta" -> data = new CountryData(f[1], f[4].equals("family_given"));
                    case "lang" -> data.languageRows.add(new String[] {f[1], f[2], f[3], n > 4 ? f[4] : ""});
                    case "city" -> data.cities.rows.add(new String[] {f[2], f[3], f[4], f[5], f[1]});
                    case "age" -> data.ageGroups[sex(f[1])][Integer.parseInt(f[2]) / 5] = Long.parseLong(f[3]);
                    case "given" -> {
                        int decade = f[2].equals("-") ? 0 : Integer.parseInt(f[2]);
                        for (int sex : sexes(f[1])) {
                            add(data.given.get(sex).computeIfAbsent(decade, d -> new Names()), f[4], f[5], f[3]);
                        }
                    }
                    case "surname" -> {
                        if (f[1].equals("-")) {
                            if (data.surnames[FEMALE] == null) data.surnames[FEMALE] = data.surnames[MALE] = new Names();
                            add(data.surnames[FEMALE], f[3], f[4], f[2]);
                        } else {
                            int sex = sex(f[1]);
                            if (data.surnames[sex] == null) data.surnames[sex] = new Names();
                            add(data.surnames[sex], f[3], f[4], f[2]);
                        }
                    }
                    default -> throw new IllegalStateException("unexpected line in " + resource + ": " + line.substring(0, Math.min(40, line.length())) + " (" + n + " fields)");
                }
            }
            data.freeze();
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(Names names, String display, String ascii, String weight) {
        names.rows.add(new String[] {display, ascii, weight});
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
        languageOfficial = new boolean[languages.length];
        for (int i = 0; i < languages.length; i++) languageOfficial[i] = languageRows.get(i)[3].startsWith("official")
                || languageRows.get(i)[3].startsWith("de_facto");
    }

    private static int sex(String code) {
        return code.equals("F") ? FEMALE : MALE;
    }

    private static int[] sexes(String code) {
        return code.equals("F") ? new int[] {FEMALE} : code.equals("M") ? new int[] {MALE} : new int[] {FEMALE, MALE};
    }

    /** Splits a tab-separated line into {@code into}; returns the field count. */
    private static int split(String line, String[] into) {
        int n = 0;
        int start = 0;
        for (int i = 0; i <= line.length() && n < into.length; i++) {
            if (i == line.length() || line.charAt(i) == '\t') {
                into[n++] = line.substring(start, i);
                start = i + 1;
            }
        }
        return n;
    }
}

package net.azt3knet.domain.generation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the city a user means by what they typed: {@code koln}, {@code MÜNCHEN}, {@code zurich} or {@code Aarhus}
 * for the reference data's Köln, Munich, Zürich and Århus. An exact name (or GeoNames ASCII name) is taken as it is,
 * so every spec that worked before selects the same cities; otherwise names are compared folded (case, accents,
 * ß/æ/ø, and the ue/oe/ae/aa transliterations), then through the hand-written aliases of city-aliases.tsv.
 */
final class CityNames {

    /** What {@link #resolve} found: the data's name to use, or the candidates to offer. */
    record Match(String name, List<String> candidates) {

        boolean found() {
            return name != null;
        }
    }

    private static final int MAX_CANDIDATES = 8;
    private static final Map<String, Map<String, String>> ALIASES = loadAliases();

    private CityNames() {
    }

    /**
     * The name under which {@code typed} selects cities of {@code data}: {@code typed} itself when a city is named
     * exactly so, else the one city name that matches folded or by alias. With no such single name, the cities
     * the user may have meant (several that fold alike, or whose name starts with what was typed).
     */
    static Match resolve(CountryData data, String typed) {
        int cities = data.cities.size();
        String lower = typed.toLowerCase(Locale.ROOT);
        for (int i = 0; i < cities; i++) {
            if (data.cities.name(i).toLowerCase(Locale.ROOT).equals(lower)
                || data.cities.asciiName(i).toLowerCase(Locale.ROOT).equals(lower)) {
                return new Match(typed, List.of());
            }
        }
        String wanted = fold(typed);
        Set<String> folded = new LinkedHashSet<>();
        Set<String> starting = new LinkedHashSet<>();
        for (int i = 0; i < cities; i++) {
            String name = data.cities.name(i);
            String key = fold(name);
            if (key.equals(wanted) || fold(data.cities.asciiName(i)).equals(wanted)) {
                folded.add(name);
            } else if (!wanted.isEmpty() && key.startsWith(wanted) && !Character.isLetterOrDigit(key.charAt(wanted.length()))) {
                starting.add(name);
            }
        }
        if (folded.size() == 1) return new Match(folded.iterator().next(), List.of());
        if (folded.isEmpty()) {
            String alias = ALIASES.getOrDefault(data.code, Map.of()).get(wanted);
            if (alias != null) return new Match(alias, List.of());
        }
        List<String> candidates = new ArrayList<>(folded.isEmpty() ? starting : folded);
        return new Match(null, candidates.subList(0, Math.min(MAX_CANDIDATES, candidates.size())));
    }

    /**
     * Lower case without accents, with the letters NFD leaves whole spelled out, and the German and Scandinavian
     * transliterations undone (ue, oe, ae, aa to u, o, a), so that Koeln, Köln and koln fold alike.
     */
    static String fold(String text) {
        String s = Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 'ß' -> b.append("ss");
                case 'æ' -> b.append("ae");
                case 'ø' -> b.append('o');
                case 'œ' -> b.append("oe");
                case 'đ' -> b.append('d');
                case 'ł' -> b.append('l');
                case 'ı' -> b.append('i');
                case 'þ' -> b.append("th");
                case '-', '\u2019', '\'' -> b.append(c == '-' ? ' ' : '\'');
                default -> {
                    if (Character.getType(c) != Character.NON_SPACING_MARK) b.append(c);
                }
            }
        }
        return b.toString().replace("ue", "u").replace("oe", "o").replace("ae", "a").replace("aa", "a")
                .replaceAll("\\s+", " ");
    }

    private static Map<String, Map<String, String>> loadAliases() {
        Map<String, Map<String, String>> aliases = new HashMap<>();
        try (InputStream in = CityNames.class.getResourceAsStream("city-aliases.tsv")) {
            if (in == null) throw new IllegalStateException("city-aliases.tsv is missing from the classpath");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                aliases.computeIfAbsent(f[0], k -> new HashMap<>()).put(fold(f[1]), f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return aliases;
    }
}

package net.azt3knet.domain.population;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The countries an epoch's reference data supports (ISO 3166-1 alpha-2 code → English name). */
public final class Countries {

    private static final Map<Integer, Map<String, String>> NAMES = new ConcurrentHashMap<>();

    /**
     * What an epoch's data holds for a country: given names per sex and distinct surnames (0 where the epoch's
     * index does not count them, as in epoch 1), whether the data is thin, and its name sources.
     */
    public record Detail(String code, String name, String continent, int givenFemale, int givenMale, int surnames,
                         boolean thin, String sources) {
    }

    private Countries() {
    }

    /** Code → English name of the current epoch's countries, sorted by code. */
    public static Map<String, String> supported() {
        return supported(GeneratorEpoch.CURRENT.number());
    }

    /** Code → English name of the countries of {@code epoch} (a supported epoch), sorted by code. */
    public static Map<String, String> supported(int epoch) {
        return NAMES.computeIfAbsent(epoch, Countries::load);
    }

    /** The English name of a country of the current epoch. */
    public static Optional<String> name(String code) {
        return name(GeneratorEpoch.CURRENT.number(), code);
    }

    /** The English name of a country of {@code epoch}. */
    public static Optional<String> name(int epoch, String code) {
        return Optional.ofNullable(supported(epoch).get(code));
    }

    /** {@code AL AM AR …}: the current epoch's codes, for error messages. */
    public static String supportedList() {
        return supportedList(GeneratorEpoch.CURRENT.number());
    }

    /** {@code AL AM AR …}: the codes of {@code epoch}, for error messages. */
    public static String supportedList(int epoch) {
        return String.join(" ", supported(epoch).keySet());
    }

    /** Every country of {@code epoch} with its data counts, sorted by code. */
    public static List<Detail> details(int epoch) {
        List<Detail> details = new ArrayList<>();
        for (String[] f : rows(epoch)) {
            boolean counted = f.length >= 8;
            details.add(new Detail(f[0], f[1], f[2], counted ? Integer.parseInt(f[4]) : 0, counted ? Integer.parseInt(f[5]) : 0,
                    counted ? Integer.parseInt(f[6]) : 0, counted && f[3].equals("thin"), counted ? f[7] : ""));
        }
        return List.copyOf(details);
    }

    private static Map<String, String> load(int epoch) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String[] f : rows(epoch)) names.put(f[0], f[1]);
        return Collections.unmodifiableMap(names);
    }

    private static List<String[]> rows(int epoch) {
        String index = "/net/azt3knet/domain/generation/epoch" + epoch + "/countries.tsv";
        try (InputStream in = Countries.class.getResourceAsStream(index)) {
            if (in == null) throw new IllegalStateException("reference data missing from the classpath: " + index);
            List<String[]> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) continue;
                rows.add(line.split("\t", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

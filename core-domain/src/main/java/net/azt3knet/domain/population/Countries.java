package net.azt3knet.domain.population;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The countries an epoch's reference data supports (ISO 3166-1 alpha-2 code → English name). */
public final class Countries {

    private static final Map<Integer, Map<String, String>> NAMES = new ConcurrentHashMap<>();

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

    private static Map<String, String> load(int epoch) {
        String index = "/net/azt3knet/domain/generation/epoch" + epoch + "/countries.tsv";
        try (InputStream in = Countries.class.getResourceAsStream(index)) {
            if (in == null) throw new IllegalStateException("reference data missing from the classpath: " + index);
            Map<String, String> names = new LinkedHashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) continue;
                String[] f = line.split("\t", -1);
                names.put(f[0], f[1]);
            }
            return Collections.unmodifiableMap(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

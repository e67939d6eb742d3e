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

/** The countries the current epoch's reference data supports (ISO 3166-1 alpha-2 code → English name). */
public final class Countries {

    private static final String INDEX = "/net/azt3knet/domain/generation/epoch1/countries.tsv";
    private static final Map<String, String> NAMES = load();

    private Countries() {
    }

    /** Code → English name, sorted by code. */
    public static Map<String, String> supported() {
        return NAMES;
    }

    /** The English name of a supported country. */
    public static Optional<String> name(String code) {
        return Optional.ofNullable(NAMES.get(code));
    }

    /** {@code AL AM AR …}: the supported codes, for error messages. */
    public static String supportedList() {
        return String.join(" ", NAMES.keySet());
    }

    private static Map<String, String> load() {
        try (InputStream in = Countries.class.getResourceAsStream(INDEX)) {
            if (in == null) throw new IllegalStateException("reference data missing from the classpath: " + INDEX);
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

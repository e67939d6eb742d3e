package net.azt3knet.domain.generation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sources of the bundled reference data, read from the "Sources and licences" table of the {@code DATA.md}
 * that ships in this jar: one list, so a report names exactly what DATA.md and NOTICE credit.
 */
public final class ReferenceSources {

    private static final String RESOURCE = "/META-INF/DATA.md";
    private static final String HEADING = "Sources and licences";

    /** One row of the table. */
    public record Source(String data, String source, String licence, String usedFor) {
    }

    private ReferenceSources() {
    }

    /** Every source, in the table's order; empty when the jar carries no DATA.md (e.g. a bare class path). */
    public static List<Source> all() {
        String text;
        try (InputStream in = ReferenceSources.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return List.of();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(text);
    }

    /**
     * The rows of every table under a sources heading ({@code ## Sources and licences}, or {@code ###} within each
     * epoch's section: epoch 2 builds on epoch 1's sources), header and separator rows left out, each row once.
     */
    static List<Source> parse(String markdown) {
        List<Source> sources = new ArrayList<>();
        boolean inSection = false;
        int row = 0;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                inSection = line.replaceFirst("^#+", "").strip().equals(HEADING);
                row = 0;
                continue;
            }
            if (!inSection || !line.startsWith("|")) continue;
            if (row++ < 2) continue; // the header and the |---| line
            List<String> cells = Arrays.stream(line.strip().replaceAll("^\\||\\|$", "").split("\\|"))
                    .map(c -> c.strip().replace("`", "").replace("*", "")).toList(); // Markdown code and emphasis marks
            if (cells.size() >= 4) sources.add(new Source(cells.get(0), cells.get(1), cells.get(2), cells.get(3)));
        }
        return sources.stream().distinct().toList();
    }
}

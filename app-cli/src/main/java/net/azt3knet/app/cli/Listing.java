package net.azt3knet.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of named columns written as a human table, JSON (an array of objects), NDJSON or CSV (RFC 4180): the one
 * writer behind every listing command.
 */
final class Listing {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final int MAX_CELL = 60;

    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    /**
     * A cell that reads as {@code word} in the human table and as {@code value} in JSON, NDJSON and CSV, so a flag
     * is a word for people and a boolean for programs.
     */
    record Worded(Object value, String word) {
        static Worded flag(boolean value, String word) {
            return new Worded(value, value ? word : "");
        }
    }

    Listing(String... columns) {
        this.columns = List.of(columns);
    }

    Listing row(Object... values) {
        if (values.length != columns.size()) throw new IllegalArgumentException("row has " + values.length + " values");
        rows.add(java.util.Arrays.asList(values));
        return this;
    }

    int size() {
        return rows.size();
    }

    /** The format asked for, or the default: a table on a terminal, NDJSON otherwise. */
    static ListingFormat choose(ListingFormat asked) {
        return asked != null ? asked : Terminal.stdoutIsTerminal() ? ListingFormat.TABLE : ListingFormat.NDJSON;
    }

    void write(OutputStream out, ListingFormat format) throws IOException {
        switch (format) {
            case JSON -> {
                List<Map<String, Object>> objects = new ArrayList<>();
                for (List<Object> r : rows) objects.add(object(r));
                out.write(JSON.writeValueAsBytes(objects)); // compact, like every other JSON output
                out.write('\n');
            }
            case NDJSON -> {
                for (List<Object> r : rows) {
                    out.write(JSON.writeValueAsBytes(object(r)));
                    out.write('\n');
                }
            }
            case CSV -> {
                StringBuilder b = new StringBuilder();
                line(b, new ArrayList<>(columns));
                for (List<Object> r : rows) line(b, r);
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            }
            case TABLE -> out.write(table().getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private Map<String, Object> object(List<Object> r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) m.put(columns.get(i), r.get(i) instanceof Worded w ? w.value() : r.get(i));
        return m;
    }

    private static void line(StringBuilder b, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append(',');
            Object o = values.get(i) instanceof Worded w ? w.value() : values.get(i);
            String v = o == null ? "" : o.toString();
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        b.append("\r\n");
    }

    private String table() {
        int[] width = new int[columns.size()];
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> r : rows) {
            List<String> c = new ArrayList<>();
            for (Object v : r) {
                Object o = v instanceof Worded w ? w.word() : v;
                String s = o == null ? "" : o.toString().replace('\n', ' ');
                c.add(s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s);
            }
            cells.add(c);
        }
        for (int i = 0; i < width.length; i++) {
            width[i] = columns.get(i).length();
            for (List<String> c : cells) width[i] = Math.max(width[i], c.get(i).codePointCount(0, c.get(i).length()));
        }
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (String c : columns) header.add(c.toUpperCase(java.util.Locale.ROOT));
        pad(b, header, width);
        for (List<String> c : cells) pad(b, c, width);
        if (rows.isEmpty()) b.append("(none)\n");
        return b.toString();
    }

    private static void pad(StringBuilder b, List<String> cells, int[] width) {
        for (int i = 0; i < cells.size(); i++) {
            String s = cells.get(i);
            b.append(s);
            if (i < cells.size() - 1) b.append(" ".repeat(width[i] - s.codePointCount(0, s.length()) + 2));
        }
        b.append('\n');
    }
}

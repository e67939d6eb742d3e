package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The bad-input corpus as data (src/test/resources/bad-input/README.md): tab-separated lines, shell-like words with
 * single quotes, {@code ${NAME}} placeholders. A malformed line becomes a failing test named by its file and line,
 * so a typo in the data can never pass silently.
 */
final class Corpus {

    /** One data line: where it is, and its tab-separated columns. */
    record Line(String file, int number, List<String> columns) {
        String where() {
            return file + ":" + number;
        }

        URI source(String folder) {
            return URI.create("classpath:/bad-input/" + folder + "/" + file + "?line=" + number);
        }
    }

    /** A data line the runner cannot use; the message names file:line. */
    static final class MalformedLine extends RuntimeException {
        MalformedLine(Line line, String why) {
            super(line.where() + ": malformed corpus line: " + why);
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private Corpus() {
    }

    /** The folder's {@code *.tsv} files in name order. */
    static List<Path> files(String folder) {
        URL url = Corpus.class.getResource("/bad-input/" + folder);
        if (url == null) throw new IllegalStateException("no corpus folder bad-input/" + folder + " on the test class path");
        try (Stream<Path> all = Files.list(Path.of(url.toURI()))) {
            return all.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data lines of a file: blank lines and lines starting with {@code #} are skipped. */
    static List<Line> lines(String name, String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
            if (s.isBlank() || s.stripLeading().startsWith("#")) continue;
            lines.add(new Line(name, i + 1, List.of(s.split("\t", -1))));
        }
        return lines;
    }

    static List<Line> lines(Path file) {
        try {
            return lines(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Shell-like words: whitespace separates, {@code '…'} quotes literally (no escapes; {@code ''} is an empty word),
     * and quoted and unquoted parts next to each other make one word, as in a shell.
     */
    static List<String> words(Line line, String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\'') quoted = false;
                else word.append(c);
            } else if (c == '\'') {
                quoted = true;
                if (word == null) word = new StringBuilder();
            } else if (c == ' ') {
                if (word != null) words.add(word.toString());
                word = null;
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (quoted) throw new MalformedLine(line, "unclosed single quote in '" + text + "'");
        if (word != null) words.add(word.toString());
        return words;
    }

    /** Replaces every {@code ${NAME}}; an unknown name is a malformed line. */
    static String expand(Line line, String text, Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            if (value == null) throw new MalformedLine(line, "unknown placeholder ${" + m.group(1) + "}");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    static Function<String, String> from(Map<String, String> values) {
        return values::get;
    }

    /** A column that must be there and not be empty. */
    static String required(Line line, int index, String what) {
        if (line.columns().size() <= index || line.columns().get(index).isBlank()) {
            throw new MalformedLine(line, "column " + (index + 1) + " (" + what + ") is missing");
        }
        return line.columns().get(index);
    }

    static String optional(Line line, int index) {
        return line.columns().size() <= index ? "" : line.columns().get(index);
    }

    static int number(Line line, int index, String what) {
        String s = required(line, index, what).strip();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new MalformedLine(line, "column " + (index + 1) + " (" + what + ") '" + s + "' is not a number");
        }
    }

    static void atMost(Line line, int columns) {
        if (line.columns().size() > columns) {
            throw new MalformedLine(line, line.columns().size() + " columns, at most " + columns + " expected");
        }
    }

    /** The test of one line, or a failing test naming file:line when the line cannot be read. */
    static DynamicTest test(String folder, Line line, Function<Line, String> name, Case run) {
        String label;
        try {
            label = line.where() + "  " + name.apply(line);
        } catch (MalformedLine e) {
            return DynamicTest.dynamicTest(line.where() + "  malformed", line.source(folder), () -> {
                throw e;
            });
        }
        return DynamicTest.dynamicTest(label, line.source(folder), () -> run.check(line));
    }

    @FunctionalInterface
    interface Case {
        void check(Line line) throws Exception;
    }
}

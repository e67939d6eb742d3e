package net.azt3knet.adapters.mail;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.azt3knet.ports.out.mail.ReplyTemplates;

/**
 * {@link ReplyTemplates} on Pebble (Jinja-like syntax, HTML auto-escaping on): built-in templates, overridden per
 * population by {@code <overrides>/<population id>/reply.html} and {@code reply.txt} ({@code AZT3KNET_RESPONDER_TEMPLATES}).
 * Strict variables are off, as in Jinja: a reference template naming a variable this product does not set renders
 * it empty instead of failing every reply. An override is compiled once and again only when its file's mtime changes.
 */
public final class PebbleReplyTemplates implements ReplyTemplates {

    private static final String HTML = "reply.html";
    private static final String TEXT = "reply.txt";

    private final Optional<Path> overrides;
    private final PebbleEngine html = engine(true);
    private final PebbleEngine text = engine(false);
    private final PebbleTemplate builtInHtml;
    private final PebbleTemplate builtInText;
    private final Map<Path, Compiled> cache = new ConcurrentHashMap<>();

    private record Compiled(FileTime modified, PebbleTemplate template) {
    }

    public PebbleReplyTemplates(Optional<Path> overrides) {
        this.overrides = overrides;
        this.builtInHtml = compile(html, resource(HTML), "built-in " + HTML);
        this.builtInText = compile(text, resource(TEXT), "built-in " + TEXT);
    }

    @Override
    public Rendered render(String population, Map<String, Object> variables) {
        return new Rendered(evaluate(template(population, TEXT, text, builtInText), variables),
                evaluate(template(population, HTML, html, builtInHtml), variables));
    }

    private PebbleTemplate template(String population, String name, PebbleEngine engine, PebbleTemplate builtIn) {
        if (overrides.isEmpty() || !population.matches("[A-Za-z0-9._-]+") || population.startsWith(".")) return builtIn;
        Path file = overrides.get().resolve(population).resolve(name);
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException absent) {
            return builtIn;
        } catch (IOException e) {
            throw new IllegalArgumentException("reply template " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        Compiled c = cache.get(file);
        if (c != null && c.modified().equals(modified)) return c.template();
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("reply template " + file + ": cannot be read as UTF-8 (" + e.getMessage() + ")");
        }
        PebbleTemplate t = compile(engine, source, file.toString());
        cache.put(file, new Compiled(modified, t));
        return t;
    }

    private static PebbleTemplate compile(PebbleEngine engine, String source, String name) {
        try {
            return engine.getTemplate(source);
        } catch (PebbleException e) {
            throw new IllegalArgumentException("reply template " + name + ", line " + e.getLineNumber() + ": " + e.getPebbleMessage()
                    + "; fix the template (syntax: {{ variable }}, {% if variable %}…{% endif %})");
        }
    }

    private static String evaluate(PebbleTemplate template, Map<String, Object> variables) {
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, variables);
        } catch (PebbleException e) {
            throw new IllegalArgumentException("reply template, line " + e.getLineNumber() + ": " + e.getPebbleMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static PebbleEngine engine(boolean escapeHtml) {
        // StringLoader: the template's text is its name; the engine's own cache stays off, ours follows the files' mtime
        return new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(escapeHtml).strictVariables(false)
                .cacheActive(false).newLineTrimming(false).extension(new LineBreaks()).build();
    }

    private static String resource(String name) {
        try (InputStream in = PebbleReplyTemplates.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("built-in reply template " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code nl2br}: escapes the text first, then turns its line breaks into {@code <br>} (safe on model text, unlike raw). */
    private static final class LineBreaks extends AbstractExtension {
        @Override
        public Map<String, Filter> getFilters() {
            return Map.of("nl2br", new Filter() {
                @Override
                public List<String> getArgumentNames() {
                    return List.of();
                }

                @Override
                public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
                    if (input == null) return null;
                    String escaped = input instanceof SafeString s ? s.toString() : escape(input.toString());
                    return new SafeString(escaped.replace("\r\n", "\n").replace("\n", "<br>\n"));
                }
            });
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

package net.azt3knet.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.ManageTextCacheUseCase;
import net.azt3knet.ports.out.text.CachedText;
import net.azt3knet.ports.out.text.GeneratedTextCache.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code azt3knet llm-cache export|import|stats}: carry the replay cache to another installation. */
@Command(name = "llm-cache", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = {"Export, import and count the LLM replay cache.",
            "The cache holds every model answer enrichment used, keyed by model, template version, prompt",
            "and parameters. With the cache, 'populate --enrich … --offline' reproduces a population anywhere."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet llm-cache export --output cache.ndjson",
            "  azt3knet llm-cache import cache.ndjson --data-dir /srv/other",
            "  azt3knet llm-cache stats"})
final class LlmCacheCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cli cli;

    LlmCacheCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every cached answer as NDJSON (one entry per line, in key order).")
    int export(@Mixin StorageOptions storage,
               @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE atomically instead of stdout.") Path output)
            throws IOException {
        long n;
        try (OutputTarget target = output == null ? OutputTarget.stdout(cli.out()) : OutputTarget.file(output)) {
            OutputStream out = target.stream();
            n = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                    ManageTextCacheUseCase.class, use -> use.export(e -> write(out, e), cli.actor()));
            target.commit();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // says which output and why; a closed pipe ends the command quietly (Errors)
        }
        cli.err().printf("%,d cached answers exported%s%n", n, output == null ? "" : " to " + output);
        return Errors.OK;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Add the entries of an export, all or none.",
                "An entry already cached with the same answer is",
                "left alone; one cached with a different answer is a conflict: kept, unless --replace."})
    int importEntries(@Mixin StorageOptions storage,
                      @Parameters(paramLabel = "FILE", description = "An export file, or - for standard input.") String file,
                      @Option(names = "--replace", description = "Replace conflicting entries with the imported answers.") boolean replace)
            throws IOException {
        List<CachedText> entries = read(file);
        ImportReport r = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                ManageTextCacheUseCase.class, use -> use.importEntries(entries, replace, cli.actor()));
        cli.err().printf("%,d added, %,d already cached, %,d conflicting%s%n", r.added(), r.unchanged(), r.conflicting(),
                r.conflicting() == 0 ? "" : r.replaced() ? " (replaced)" : " (kept the cached answers; --replace takes the imported ones)");
        return Errors.OK;
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "How many answers are cached.")
    int stats(@Mixin StorageOptions storage) throws IOException {
        long n = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                ManageTextCacheUseCase.class, use -> use.size());
        cli.out().write((n + "\n").getBytes(StandardCharsets.US_ASCII));
        cli.out().flush();
        return Errors.OK;
    }

    private static void write(OutputStream out, CachedText e) {
        try {
            ObjectNode line = JSON.createObjectNode();
            line.put("key", e.key()).put("model", e.model());
            line.set("parameters", JSON.readTree(e.parameters()));
            line.put("response", e.response()).put("created_at", e.createdAt().toString());
            out.write(JSON.writeValueAsBytes(line));
            out.write('\n');
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Every line of the export, checked; the first bad line stops the import before anything is written. */
    private List<CachedText> read(String file) throws IOException {
        List<CachedText> entries = new ArrayList<>();
        try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) continue;
                entries.add(entry(line, file, number));
            }
        } catch (NoSuchFileException e) {
            throw new UserInputException("llm-cache import: " + file + " does not exist; give a file written by 'azt3knet llm-cache export'");
        }
        return entries;
    }

    private static CachedText entry(String line, String file, int number) {
        String where = file + " line " + number + ": ";
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            throw new UserInputException(where + "not JSON; an export has one JSON object per line");
        }
        for (String field : List.of("key", "model", "response", "created_at")) {
            if (!n.path(field).isTextual()) throw new UserInputException(where + "\"" + field + "\" is missing or not a string");
        }
        if (!n.path("parameters").isObject()) throw new UserInputException(where + "\"parameters\" is missing or not an object");
        String key = n.get("key").asText();
        if (!key.matches("[0-9a-f]{64}")) throw new UserInputException(where + "\"key\" is not a SHA-256 in hex");
        try {
            return new CachedText(key, n.get("model").asText(), n.get("parameters").toString(), n.get("response").asText(),
                    Instant.parse(n.get("created_at").asText()));
        } catch (DateTimeParseException e) {
            throw new UserInputException(where + "\"created_at\" is not an ISO instant like 2026-11-21T10:00:00Z");
        }
    }
}

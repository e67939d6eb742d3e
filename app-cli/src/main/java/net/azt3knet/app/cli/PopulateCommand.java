package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.azt3knet.app.wiring.ProductionModules;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.generation.PreparedPopulation;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GenerationReport;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.PopulateUseCase;
import net.azt3knet.ports.in.PopulateUseCase.PopulateReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.EnrichPopulationUseCase;
import net.azt3knet.ports.in.EnrichPopulationUseCase.EnrichmentReport;
import net.azt3knet.ports.in.EnrichmentOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code azt3knet populate}: generate a population and write it as a table, JSON, NDJSON or CSV. */
@Command(name = "populate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Generate a deterministic synthetic population.",
            "The same spec and seed always give byte-identical agents. Agents stream out in index order; growing",
            "--count keeps earlier agents unchanged."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet populate --count 10 --seed 42",
            "  azt3knet populate --count 500 --seed demo --gender female:0.6,male:0.4 --country MX:0.7,US:0.3 \\",
            "      --age 18-35 --interests music,cycling --domain agents.example.org --format csv --output agents.csv",
            "  azt3knet populate --spec spec.json --count 100000 --format ndjson > agents.ndjson",
            "  azt3knet populate --count 1000000 --seed 42 --preview 5      # the first 5 of the million",
            "  ID=$(azt3knet populate --count 1000 --seed 42 --domain agents.example.org --persist)",
            "  azt3knet populate --count 100 --seed 42 --enrich bio,tone --llm-url http://127.0.0.1:11434 \\",
            "      --llm-api ollama --llm-model llama3.1:8b --format ndjson > enriched.ndjson",
            "  azt3knet populate --count 100 --seed 42 --enrich bio,tone --llm-model llama3.1:8b --offline   # replay",
            "",
            "Flags override the fields of --spec. Without --seed a random seed is chosen and printed on stderr.",
            "Exit codes: 0 ok, 1 failure, 2 invalid input. Full reference: docs/cli.md"})
final class PopulateCommand implements Callable<Integer> {

    private final OutputStream stdout;
    private final PrintStream err;
    private final Cli cli;

    PopulateCommand(Cli cli) {
        this.stdout = cli.out();
        this.err = cli.err();
        this.cli = cli;
    }

    @picocli.CommandLine.Mixin
    SpecOptions specOptions;

    @Option(names = "--preview", paramLabel = "N", description = "Write only the first N agents of the population.")
    String preview;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, json, ndjson or csv (default: table on a terminal, else ndjson; or from the --output extension).")
    OutputFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE atomically instead of stdout.")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). The output is the same for any number.")
    String threads;

    @Option(names = "--persist",
            description = {"Store the population (agents, encrypted mailbox credentials, audit entry) in one transaction",
                "and print its id instead of the agents. Needs SECRET_KEY_FOR_KV_ENC (see 'azt3knet keys')."})
    boolean persist;

    @Option(names = "--create-mailboxes",
            description = {"Store the population (as --persist) and give every agent a mailbox or sender identity on",
                "--provider, as 'mailboxes apply' does. Run it again for a population stored already (same spec and",
                "seed) to resume its mailboxes where they stopped (docs/providers.md)."})
    boolean createMailboxes;

    @Option(names = "--provider", paramLabel = "NAME",
            description = "Mail provider for --create-mailboxes (default: the local one); 'azt3knet integrations list' shows them.")
    String provider;

    @picocli.CommandLine.Mixin
    LlmOptions llm;

    @picocli.CommandLine.Mixin
    StorageOptions storage;

    @Override
    public Integer call() throws IOException {
        PopulationSpec spec = specOptions.spec(err);
        long limit = SpecOptions.positive("--preview", preview, spec.count(), spec.count());
        int workers = (int) SpecOptions.positive("--threads", threads, Runtime.getRuntime().availableProcessors(),
                GeneratePopulationCommand.MAX_THREADS);
        if (llm.requested()) {
            llm.validate();
            llm.addTo(storage, cli);
        } else if (llm.strayFlags()) {
            throw new UserInputException("the --llm-* and --offline flags set up enrichment; add --enrich FIELDS, e.g. --enrich bio,tone");
        }
        if (persist || createMailboxes) return persist(spec, workers);
        if (llm.requested()) return enrich(spec, limit, workers);
        OutputFormat chosen = chosenFormat();

        GeneratePopulationUseCase useCase = ProductionModules.generation();
        Progress progress = new Progress(err, Terminal.stderrIsTerminal(), limit);
        GeneratePopulationCommand command = new GeneratePopulationCommand(spec, limit, workers);
        writeOutput(chosen, spec.domain(), false, progress, sink -> {
            // JSON and NDJSON take the canonical fast path; CSV and the table need the agents' fields as strings.
            GenerationReport report = chosen.canonicalLayout() != null
                    ? useCase.generateCanonical(command, chosen.canonicalLayout(), sink)
                    : useCase.generate(command, chosen::encode, sink);
            return String.format("%,d agents (seed %s, epoch %d)", report.agents(), spec.seed(), report.epoch());
        });
        return Errors.OK;
    }

    /** Generation with enrichment: needs the database (the replay cache and the audit trail live there). */
    private int enrich(PopulationSpec spec, long limit, int workers) throws IOException {
        OutputFormat chosen = chosenFormat();
        Progress progress = new Progress(err, Terminal.stderrIsTerminal(), limit);
        EnrichmentCounts counts = new EnrichmentCounts();
        counts.show(progress);
        AppConfig config = Storage.prepare(cli, storage, llm.required());
        EnrichmentOptions options = llm.options(config, cli.actor(), counts);
        writeOutput(chosen, spec.domain(), true, progress, sink -> {
            EnrichmentReport report = Storage.withDatabase(config, EnrichPopulationUseCase.class, use -> use
                    .generate(new GeneratePopulationCommand(spec, limit, workers), options, chosen::encodeEnriched, sink));
            return String.format("%,d agents (seed %s), %s", report.agents(), spec.seed(), counts.describe());
        });
        warnAboutFallbacks(counts.fallbacks);
        return Errors.OK;
    }

    /**
     * Header, the chunks {@code generate} hands to its sink, footer: to stdout, or to --output. A reader that went
     * away (a broken pipe: head, less) ends the run through {@link Errors}, quietly: it is not a failure.
     *
     * @param generate runs the generation into the sink and returns the summary for the progress line
     */
    private void writeOutput(OutputFormat chosen, String domain, boolean enriched, Progress progress,
                             java.util.function.Function<PreparedPopulation.ChunkConsumer<ByteBuilder>, String> generate)
            throws IOException {
        try (OutputTarget target = output == null ? OutputTarget.stdout(stdout) : OutputTarget.file(output)) {
            OutputStream out = target.stream();
            ByteBuilder header = new ByteBuilder(256);
            chosen.header(header, domain, enriched);
            out.write(header.array(), 0, header.length());
            String summary = generate.apply((chunk, agents) -> {
                write(out, chunk);
                progress.advance(agents);
            });
            ByteBuilder footer = new ByteBuilder(16);
            chosen.footer(footer);
            out.write(footer.array(), 0, footer.length());
            target.commit();
            progress.finish(summary + (target.file() == null ? "" : ", written to " + target.file()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void warnAboutFallbacks(long fallbacks) {
        if (fallbacks == 0) return;
        err.printf("azt3knet: warning: %,d field(s) kept their offline value and are marked \"enriched\": false;"
                + " the reasons are in the audit trail ('azt3knet audit list --action llm.fallback')%n", fallbacks);
    }

    /** Running enrichment totals for the progress line and the summary; updated from worker threads. */
    private static final class EnrichmentCounts implements EnrichmentOptions.Progress {
        private volatile Progress progress;
        private volatile long requests;
        private volatile long hits;
        private volatile long calls;
        private volatile long fallbacks;

        @Override
        public synchronized void update(long requests, long cacheHits, long calls, long fallbacks) {
            this.requests = requests;
            this.hits = cacheHits;
            this.calls = calls;
            this.fallbacks = fallbacks;
            if (progress != null) progress.redraw();
        }

        void show(Progress p) {
            progress = p;
            p.detail(this::describe);
        }

        String describe() {
            long answered = hits + calls;
            return String.format("%,d fields: %d%% from cache, %,d model calls, %,d kept offline", requests,
                    answered == 0 ? 0 : hits * 100 / answered, calls, fallbacks);
        }
    }

    /**
     * Store, and with --create-mailboxes provision: one use case. A population stored already (the same spec and seed)
     * goes straight on to its mailboxes, which resume from their ledger; without --create-mailboxes that is a conflict.
     */
    private int persist(PopulationSpec spec, int workers) throws IOException {
        if (preview != null || format != null || output != null) {
            throw new UserInputException("--persist stores the whole population and prints its id; leave out --preview,"
                    + " --format and --output, and export it afterwards with 'azt3knet populations export ID'");
        }
        ApplyCommand provisioning = createMailboxes // bad input fails before the database starts
                ? new ApplyCommand(new Target(spec.populationId(), MailboxesCommand.provider(provider)), OnConflict.FAIL,
                        false, 8, cli.actor(), Provisioning.progress(err))
                : null;
        Progress progress = new Progress(err, Terminal.stderrIsTerminal(), spec.count());
        long[] shown = {0};
        java.util.Set<Setting> required = java.util.EnumSet.of(Setting.MASTER_KEY);
        if (llm.requested()) required.addAll(llm.required());
        AppConfig config = Storage.prepare(cli, storage, required);
        EnrichmentCounts counts = new EnrichmentCounts();
        EnrichmentOptions enrichment = llm.requested() ? llm.options(config, cli.actor(), counts) : null;
        if (enrichment != null) counts.show(progress);
        PopulateUseCase.PopulateCommand command = new PopulateUseCase.PopulateCommand(
                new PersistPopulationCommand(spec, workers, cli.actor(), done -> {
                    progress.advance((int) (done - shown[0]));
                    shown[0] = done;
                }, enrichment), provisioning);
        PopulateReport report = Storage.withDatabase(config, PopulateUseCase.class, use -> use.populate(command));
        stdout.write((report.populationId() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        stdout.flush();
        if (report.resumed()) {
            err.println("population " + report.populationId() + " is stored already; resuming its mailboxes");
        } else {
            progress.finish(String.format("%,d agents stored as population %s (seed %s, key %s)%s", report.agents(),
                    report.populationId(), spec.seed(), report.keyId(), enrichment == null ? "" : "; " + counts.describe()));
            if (enrichment != null) warnAboutFallbacks(counts.fallbacks);
        }
        if (report.mailboxes() == null) return Errors.OK;
        return Provisioning.report("mailboxes", report.mailboxes(), err, OutputStream.nullOutputStream());
    }

    private OutputFormat chosenFormat() {
        return format != null ? format
                : output != null && OutputFormat.forFileName(output.toString()) != null ? OutputFormat.forFileName(output.toString())
                : Terminal.stdoutIsTerminal() && output == null ? OutputFormat.TABLE : OutputFormat.NDJSON;
    }

    private static void write(OutputStream out, ByteBuilder chunk) {
        try {
            out.write(chunk.array(), 0, chunk.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

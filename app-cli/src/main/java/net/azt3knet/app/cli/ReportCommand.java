package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import net.azt3knet.app.wiring.ProductionModules;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.ports.in.RealismReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet report}: generate a population and write its realism report as one static HTML page. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Write a realism report: a generated population against its reference data, as one HTML page.",
            "Age-sex pyramid against the UN one, top names against their source, surname concentration, city and",
            "region shares, occupation by age band, languages, username suffixes and the data sources. The page",
            "is self-contained (inline CSS and SVG, no script). For a stored population: 'populations report ID'."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet report --count 20000 --seed 42 --country DE --out report.html",
            "  azt3knet report --spec spec.json --count 50000 --out report.html",
            "",
            "Takes the spec flags of 'populate'. Exit codes: 0 ok, 1 failure, 2 invalid input. Docs: docs/realism.md"})
final class ReportCommand implements Callable<Integer> {

    private final Cli cli;

    ReportCommand(Cli cli) {
        this.cli = cli;
    }

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). The report is the same for any number.")
    String threads;

    @Option(names = {"-o", "--out", "--output"}, paramLabel = "FILE", description = "Write the page to FILE atomically instead of stdout.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PopulationSpec spec = specOptions.spec(cli.err());
        int workers = (int) SpecOptions.positive("--threads", threads, Runtime.getRuntime().availableProcessors(),
                GeneratePopulationCommand.MAX_THREADS);
        write(cli, out, () -> ProductionModules.realism().report(GeneratePopulationCommand.all(spec, workers)));
        return Errors.OK;
    }

    /**
     * Writes the page {@code report} makes to {@code out} (stdout when null). The file is checked before the
     * report is made, so a bad path fails at once, and written atomically, so a failed run leaves nothing behind.
     */
    static void write(Cli cli, Path out, Supplier<RealismReport> report) throws IOException {
        try (OutputTarget target = out == null ? OutputTarget.stdout(cli.out()) : OutputTarget.file(out, "--out", false)) {
            RealismReport page = report.get();
            target.stream().write(page.html().getBytes(StandardCharsets.UTF_8));
            target.commit();
            cli.err().printf("azt3knet: realism report on %,d agents%s%n", page.agents(),
                    target.file() == null ? "" : ", written to " + target.file());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

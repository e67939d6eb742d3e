package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.UUID;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.ports.in.BrowsePopulationsUseCase;
import net.azt3knet.ports.in.DeletePopulationUseCase;
import net.azt3knet.ports.in.ReportStoredRealismUseCase;
import net.azt3knet.ports.out.store.PopulationRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code azt3knet populations list|show|export|report|delete}. */
@Command(name = "populations", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = "Stored populations: list them, show one, export its agents, report on it, delete it.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ID=$(azt3knet populate --count 1000 --seed demo --domain agents.example.org --persist)",
            "  azt3knet populations list",
            "  azt3knet populations show $ID --format json",
            "  azt3knet populations export $ID --format csv --output agents.csv",
            "  azt3knet populations report $ID --out report.html",
            "  azt3knet populations delete $ID --yes"})
final class PopulationsCommand {

    private final Cli cli;

    PopulationsCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the stored populations, oldest first.")
    int list(@Mixin StorageOptions storage,
             @Mixin FormatOption format) throws IOException {
        Listing listing = populationListing();
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), BrowsePopulationsUseCase.class, use -> {
            for (PopulationRecord p : use.list()) row(listing, p);
            return null;
        });
        listing.write(cli.out(), format.chosen());
        return Errors.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one population: its spec, size and status.")
    int show(@Mixin StorageOptions storage,
             @Parameters(paramLabel = "ID", description = "Population id (from 'populations list').") String id,
             @Option(names = "--format", paramLabel = "FORMAT", description = "table, json, ndjson or csv.") ListingFormat format)
            throws IOException {
        UUID population = Ids.population(id);
        Listing listing = populationListing();
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), BrowsePopulationsUseCase.class, use -> {
            row(listing, use.show(population));
            return null;
        });
        listing.write(cli.out(), Listing.choose(format));
        return Errors.OK;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a stored population's agents in index order.",
                "JSON and NDJSON are byte-identical to what 'populate' printed for the same spec and seed."})
    int export(@Mixin StorageOptions storage,
               @Parameters(paramLabel = "ID", description = "Population id.") String id,
               @Option(names = "--format", paramLabel = "FORMAT", description = "ndjson (default), json, csv or table.") OutputFormat format,
               @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE atomically instead of stdout.") Path output)
            throws IOException {
        UUID population = Ids.population(id);
        OutputFormat chosen = format != null ? format
                : output != null && OutputFormat.forFileName(output.toString()) != null ? OutputFormat.forFileName(output.toString())
                : OutputFormat.NDJSON;
        try (OutputTarget target = output == null ? OutputTarget.stdout(cli.out()) : OutputTarget.file(output)) {
            Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), BrowsePopulationsUseCase.class, browse -> {
                PopulationRecord p = browse.show(population);
                try (StoredAgents writer = new StoredAgents(target.stream(), chosen, p.spec().domain())) {
                    browse.agents(population, 0, Long.MAX_VALUE, writer::accept);
                }
                return null;
            });
            target.commit();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // says which output and why; a closed pipe ends the command quietly (Errors)
        }
        return Errors.OK;
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Write a stored population's realism report as one static HTML page (see 'azt3knet report').",
                "The figures come from the stored agents, compared with the reference data of the population's epoch."})
    int report(@Mixin StorageOptions storage,
               @Parameters(paramLabel = "ID", description = "Population id.") String id,
               @Option(names = {"-o", "--out", "--output"}, paramLabel = "FILE", description = "Write the page to FILE atomically instead of stdout.") Path out)
            throws IOException {
        UUID population = Ids.population(id);
        ReportCommand.write(cli, out, () -> Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                ReportStoredRealismUseCase.class, use -> use.report(population)));
        return Errors.OK;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a population with its agents and credentials (recorded in the audit trail).")
    int delete(@Mixin StorageOptions storage,
               @Parameters(paramLabel = "ID", description = "Population id.") String id,
               @Option(names = "--yes", description = "Confirm: deleting cannot be undone (recreate it from spec and seed).") boolean yes,
               @Option(names = "--keep-mailboxes", description = {"Delete even though providers still hold the population's mailboxes:",
                   "they stay there ('recreate' adopts them later). Without it, such a population is not deleted (exit 2)."})
               boolean keepMailboxes) {
        UUID population = Ids.population(id);
        if (!yes) throw new UserInputException("populations delete: add --yes to delete population " + population
                + " and all its agents and credentials");
        long agents = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                DeletePopulationUseCase.class, use -> use.delete(population, cli.actor(), keepMailboxes));
        cli.err().println("deleted population " + population + " (" + String.format("%,d", agents) + " agents)");
        return Errors.OK;
    }

    private static Listing populationListing() {
        return new Listing("id", "agents", "seed", "domain", "country", "epoch", "status", "created_at");
    }

    private static void row(Listing listing, PopulationRecord p) {
        SpecInput s = p.spec();
        listing.row(p.id().toString(), p.agents(), s.seed(), s.domain(), s.country(), Integer.parseInt(s.epoch()), p.status(),
                p.createdAt().toString());
    }
}

package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.UUID;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.BrowsePopulationsUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet agents list --population ID}. */
@Command(name = "agents", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = "Agents of stored populations.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet agents list --population $ID --limit 20",
            "  azt3knet agents list --population $ID --offset 1000 --limit 1000 --format csv > page.csv"})
final class AgentsCommand {

    private final Cli cli;

    AgentsCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a population's agents in index order.")
    int list(@Mixin StorageOptions storage,
             @Option(names = "--population", required = true, paramLabel = "ID", description = "Population id.") String id,
             @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "First agent index (default: 0).") long offset,
             @Option(names = "--limit", paramLabel = "N", description = "At most N agents (default: all).") Long limit,
             @Mixin FormatOption format) throws IOException {
        UUID population = Ids.population(id);
        if (offset < 0) throw new UserInputException("--offset: must be 0 or more, e.g. --offset 100");
        if (limit != null && limit < 1) throw new UserInputException("--limit: must be at least 1, e.g. --limit 20");
        OutputFormat chosen = format.populateFormat();
        try {
            Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), BrowsePopulationsUseCase.class, browse -> {
                String domain = browse.show(population).spec().domain();
                try (StoredAgents writer = new StoredAgents(cli.out(), chosen, domain)) {
                    browse.agents(population, offset, limit == null ? Long.MAX_VALUE : limit, writer::accept);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // says which output and why; a closed pipe ends the command quietly (Errors)
        }
        cli.out().flush();
        return Errors.OK;
    }
}

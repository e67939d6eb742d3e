package net.azt3knet.app.cli;

import java.io.IOException;
import net.azt3knet.domain.population.Countries;
import net.azt3knet.domain.population.GeneratorEpoch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet countries}: every supported country of an epoch, with its data counts and sources. */
@Command(name = "countries", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"List the countries a generator epoch supports, with their name data counts and sources.",
            "Columns: given names per sex, distinct surnames, thin (fewer than 200 given names for a sex or 300",
            "surnames: expect repeated names and username suffixes; the word in the table, true or false in",
            "JSON, NDJSON and CSV), and the name sources (DATA.md)."},
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet countries", "  azt3knet countries --format csv", "  azt3knet countries --epoch 1"})
final class CountriesCommand implements java.util.concurrent.Callable<Integer> {

    private final Cli cli;

    @Option(names = "--epoch", paramLabel = "N", description = "Generator epoch (default: the current one).")
    Integer epoch;

    @Mixin
    FormatOption format;

    CountriesCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        int n = epoch == null ? GeneratorEpoch.CURRENT.number() : epoch;
        if (GeneratorEpoch.of(n).isEmpty()) {
            throw new UserInputException("--epoch " + n + " is not an epoch this release can run; use one of " + GeneratorEpoch.supportedList());
        }
        boolean counted = n >= 2; // epoch 1's index has no counts
        Listing listing = counted
                ? new Listing("code", "name", "continent", "given_f", "given_m", "surnames", "thin", "sources")
                : new Listing("code", "name", "continent");
        for (Countries.Detail c : Countries.details(n)) {
            if (counted) {
                listing.row(c.code(), c.name(), c.continent(), c.givenFemale(), c.givenMale(), c.surnames(),
                        Listing.Worded.flag(c.thin(), "thin"), c.sources());
            } else {
                listing.row(c.code(), c.name(), c.continent());
            }
        }
        listing.write(cli.out(), format.chosen());
        return Errors.OK;
    }
}

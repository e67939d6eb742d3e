package net.azt3knet.app.cli;

import picocli.CommandLine.Option;

/**
 * {@code --format} of a listing command, and the default when it is not given: one definition for every listing,
 * whether it writes through {@link Listing} or, for stored agents, in the populate formats.
 */
final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, json, ndjson or csv (default: table on a terminal, else ndjson).")
    ListingFormat asked;

    /** The format asked for, or a table on a terminal and NDJSON otherwise. */
    ListingFormat chosen() {
        return Listing.choose(asked);
    }

    /** The same choice in the populate formats, for listings of stored agents. */
    OutputFormat populateFormat() {
        return switch (chosen()) {
            case TABLE -> OutputFormat.TABLE;
            case JSON -> OutputFormat.JSON;
            case NDJSON -> OutputFormat.NDJSON;
            case CSV -> OutputFormat.CSV;
        };
    }
}

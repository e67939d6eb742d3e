package net.azt3knet.app.cli;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.adapters.persistence.SchemaStatus;
import net.azt3knet.app.wiring.Integrations;
import net.azt3knet.app.wiring.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet db migrate|status}. */
@Command(name = "db", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = {"The database: embedded PostgreSQL 17 by default, or an external one via AZT3KNET_DB_URL.",
            "See docs/storage.md."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet db status",
            "  AZT3KNET_DB_URL=postgres://azt3knet@db.internal/azt3knet AZT3KNET_DB_MIGRATE=false azt3knet db migrate"})
final class DbCommand {

    private final Cli cli;

    DbCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending schema migrations.")
    int migrate(@Mixin StorageOptions storage,
                @Option(names = "--format", paramLabel = "FORMAT", description = "table, json, ndjson or csv.") ListingFormat format)
            throws IOException {
        return report(storage, format, PostgresPersistence::migrate);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show each schema's version and pending migrations: the core's, then each integration's own.")
    int status(@Mixin StorageOptions storage,
               @Option(names = "--format", paramLabel = "FORMAT", description = "table, json, ndjson or csv.") ListingFormat format)
            throws IOException {
        return report(storage, format, PostgresPersistence::status);
    }

    /** Connects without touching the schema (so an old one can be migrated), does {@code what}, prints the status. */
    private int report(StorageOptions storage, ListingFormat format,
                       java.util.function.Function<PostgresPersistence, List<SchemaStatus>> what) throws IOException {
        List<SchemaStatus> schemas;
        try (PostgresPersistence db = PostgresPersistence.connect(Storage.prepare(cli, storage, EnumSet.noneOf(Setting.class))
                .database(), java.time.Clock.systemUTC(), Integrations.migrations())) {
            schemas = what.apply(db);
        }
        Listing listing = new Listing("schema", "database", "version", "latest", "pending", "applied");
        for (SchemaStatus s : schemas) {
            listing.row(s.schema(), s.database(), s.current(), s.latest(), String.join("; ", s.pending()), String.join("; ", s.applied()));
        }
        listing.write(cli.out(), Listing.choose(format));
        return Errors.OK;
    }
}

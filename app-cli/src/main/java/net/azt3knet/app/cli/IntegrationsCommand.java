package net.azt3knet.app.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.IntegrationHealth;
import net.azt3knet.app.wiring.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet integrations list|check}: every external system the registry found, and its state. */
@Command(name = "integrations", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"The external systems: mail providers, DNS providers, secret stores, model servers.",
            "Each is enabled when configured, or as its flag FEATURES__<NAME>_ENABLED=true|false says (docs/integrations.md)."},
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet integrations list", "  azt3knet integrations check --format json",
            "  FEATURES__LOCAL_ENABLED=false azt3knet integrations list"})
final class IntegrationsCommand {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Cli cli;

    IntegrationsCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List every integration: kind, enabled, and whether its settings are complete. Contacts none.",
                "Exit code 0, or 1 when an enabled integration's settings are incomplete or malformed."})
    int list(@Mixin StorageOptions storage,
             @Mixin FormatOption format) throws IOException {
        AppConfig config = Storage.prepare(cli, storage, EnumSet.noneOf(Setting.class));
        return write(IntegrationHealth.withoutResources(config).list(), format.chosen());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check every enabled integration with one cheap read each, in parallel (at most 10 s).",
                "Exit code 0 when each answered (READY or DEGRADED), else 1."})
    int check(@Mixin StorageOptions storage,
              @Mixin FormatOption format) throws IOException {
        List<IntegrationHealth.Entry> entries = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                IntegrationHealth.class, health -> health.check(DEADLINE));
        return write(entries, format.chosen());
    }

    private int write(List<IntegrationHealth.Entry> entries, ListingFormat format) throws IOException {
        Listing listing = new Listing("name", "kind", "enabled", "status", "message", "latency_ms", "breaker", "degradation");
        boolean failed = false;
        for (IntegrationHealth.Entry e : entries) {
            failed |= e.status() == IntegrationHealth.Status.ERROR;
            listing.row(e.name(), e.kind(), e.enabled(), e.status().name(), e.message(),
                    e.latency() == null ? null : e.latency().toMillis(), e.breaker(), e.degradation());
        }
        listing.write(cli.out(), format);
        return failed ? Errors.FAILURE : Errors.OK;
    }
}

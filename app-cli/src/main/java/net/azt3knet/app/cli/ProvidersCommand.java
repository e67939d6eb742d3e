package net.azt3knet.app.cli;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet providers check}. */
@Command(name = "providers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = "The mail providers: which are configured, and whether their credentials work.",
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet providers check", "  azt3knet providers check --provider mailcow --format json"})
final class ProvidersCommand {

    private final Cli cli;

    ProvidersCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"For each provider (or the one named): is it configured, is it reachable, are its credentials",
                "accepted (one cheap read each). Exit code 0 when every checked provider answered, else 1."})
    int check(@Mixin StorageOptions storage,
              @Option(names = "--provider", paramLabel = "NAME", description = "Check only this provider.") String only,
              @Option(names = "--format", paramLabel = "FORMAT", description = "table, json, ndjson or csv (default: table on a terminal, else ndjson).")
              ListingFormat format) throws IOException {
        Listing listing = new Listing("provider", "status", "gives", "endpoint", "detail");
        boolean[] failed = {false};
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), injector -> {
            MailProviders providers = injector.getInstance(MailProviders.class);
            List<String> names = only == null ? providers.names() : List.of(only.toLowerCase(java.util.Locale.ROOT));
            for (String name : names) {
                if (!providers.names().contains(name)) {
                    throw new UserInputException("--provider '" + only + "' is not a provider; choose one of " + String.join(", ", providers.names()));
                }
                if (!providers.configured(name)) {
                    listing.row(name, "not configured", "", "", "see docs/providers.md for its settings");
                    if (only != null) failed[0] = true;
                    continue;
                }
                try {
                    MailboxProvisioning p = providers.get(name);
                    p.check();
                    listing.row(name, "ok", p.capabilities().identity(), p.capabilities().endpoint(), "");
                } catch (MailboxProvisioningException e) {
                    failed[0] = true;
                    listing.row(name, e.reason().name().toLowerCase(java.util.Locale.ROOT), "", "", e.getMessage());
                }
            }
            return null;
        });
        listing.write(cli.out(), Listing.choose(format));
        return failed[0] ? Errors.FAILURE : Errors.OK;
    }
}

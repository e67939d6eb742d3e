package net.azt3knet.app.cli;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.InspectMailProvidersUseCase;
import net.azt3knet.ports.in.InspectMailProvidersUseCase.ProviderCheck;
import net.azt3knet.ports.out.mailbox.DkimKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet providers check|dkim}. */
@Command(name = "providers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = "The mail providers: which are configured, whether their credentials work, the DKIM keys they hold.",
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet providers check", "  azt3knet providers check --provider mailcow --format json",
            "  azt3knet providers dkim --provider mailjet --domain agents.example.org --check"})
final class ProvidersCommand {

    private final Cli cli;

    ProvidersCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check each provider (or the one named): configured, reachable, credentials accepted?",
                "One cheap read each. Exit code 0 when every checked provider answered, else 1."})
    int check(@Mixin StorageOptions storage,
              @Option(names = "--provider", paramLabel = "NAME", description = "Check only this provider.") String only,
              @Mixin FormatOption format) throws IOException {
        Listing listing = new Listing("provider", "status", "gives", "endpoint", "detail");
        List<ProviderCheck> checks = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                InspectMailProvidersUseCase.class, use -> use.check(Optional.ofNullable(only)));
        boolean failed = false;
        for (ProviderCheck c : checks) {
            switch (c.status()) {
                case OK -> listing.row(c.provider(), "ok", c.capabilities().identity(), c.capabilities().endpoint(), "");
                case NOT_CONFIGURED -> {
                    listing.row(c.provider(), "not configured", "", "", "see docs/providers.md for its settings");
                    failed |= only != null;
                }
                case FAILED -> {
                    listing.row(c.provider(), c.reason().name().toLowerCase(Locale.ROOT), "", "", c.detail());
                    failed = true;
                }
            }
        }
        listing.write(cli.out(), format.chosen());
        return failed ? Errors.FAILURE : Errors.OK;
    }

    @Command(name = "dkim", mixinStandardHelpOptions = true,
            description = {"Show the DKIM record a provider signs DOMAIN's mail with.",
                "The public key only: the TXT record to publish in DNS, and the provider's verification status. The key appears once 'mailboxes apply' has set",
                "the domain up. Exit code 0 when the provider holds a key, 1 when it holds none or fails."})
    int dkim(@Mixin StorageOptions storage,
             @Option(names = "--provider", paramLabel = "NAME", required = true, description = "A mail provider ('azt3knet integrations list').") String provider,
             @Option(names = "--domain", paramLabel = "DOMAIN", required = true, description = "The mail domain, e.g. agents.example.org.")
             String domain,
             @Option(names = "--check", description = "Ask the provider to look up the domain's DNS again first (Mailjet's DNS check).")
             boolean check,
             @Mixin FormatOption format) throws IOException {
        String name = provider.toLowerCase(Locale.ROOT);
        String host = domain.strip().toLowerCase(Locale.ROOT);
        if (!host.matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}")) {
            throw new UserInputException("--domain '" + domain + "' is not a domain name; e.g. agents.example.org");
        }
        Listing listing = new Listing("provider", "record", "type", "value", "status");
        Optional<DkimKey> key = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                InspectMailProvidersUseCase.class, use -> use.dkim(provider, host, check));
        if (key.isEmpty()) {
            cli.err().println(name + " holds no DKIM key for " + host + "; 'mailboxes apply' sets the domain up"
                    + " (a provider that signs nothing never holds one)");
            return Errors.FAILURE;
        }
        listing.row(name, key.get().recordName(), "TXT", key.get().value(), key.get().status());
        listing.write(cli.out(), format.chosen());
        return Errors.OK;
    }
}

package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.ManageGatewayUsersUseCase;
import net.azt3knet.ports.in.ManageGatewayUsersUseCase.GatewayUserInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code azt3knet smtp-users create|list|revoke}: who may submit mail through the SMTP gateway besides the agents. */
@Command(name = "smtp-users", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Create, list and revoke the SMTP gateway's users (docs/smtp.md).",
            "A user is a script or application that submits mail with AUTH PLAIN or LOGIN after STARTTLS, as any address on the",
            "domains it was granted. The password is generated and printed once; only its hash is stored."},
        footerHeading = "%nExamples:%n",
        footer = {"  PASSWORD=$(azt3knet smtp-users create newsletter --domain agents.example.org)",
            "  azt3knet smtp-users list",
            "  azt3knet smtp-users revoke newsletter"})
final class SmtpUsersCommand {

    private final Cli cli;

    SmtpUsersCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a user and print its password on stdout, once: store it where the client keeps secrets.")
    int create(@Mixin StorageOptions storage,
               @Parameters(paramLabel = "NAME", description = "Unique name, the AUTH user name: a-z, 0-9, '.', '_', '-'.") String name,
               @Option(names = "--domain", required = true, split = ",", paramLabel = "DOMAIN",
                       description = "Sender domains it may send as, comma-separated or repeated.") List<String> domains)
            throws IOException {
        var issued = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageGatewayUsersUseCase.class,
                use -> use.create(name, Set.copyOf(domains), cli.actor()));
        cli.out().write((issued.password() + "\n").getBytes(StandardCharsets.US_ASCII));
        cli.out().flush();
        cli.err().println("created SMTP gateway user '" + issued.name() + "' for " + String.join(", ", new TreeSet<>(issued.domains()))
                + "; the password is shown only now");
        return Errors.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The users: name, domains, created, revoked (never the password).")
    int list(@Mixin StorageOptions storage,
             @Mixin FormatOption format) throws IOException {
        Listing listing = new Listing("name", "domains", "created_at", "revoked_at");
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageGatewayUsersUseCase.class, use -> {
            for (GatewayUserInfo u : use.list()) {
                listing.row(u.name(), u.domains().stream().sorted().collect(Collectors.joining(",")), u.createdAt().toString(),
                        u.revokedAt() == null ? null : u.revokedAt().toString());
            }
            return null;
        });
        listing.write(cli.out(), format.chosen());
        return Errors.OK;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a user: the gateway refuses its password from the next AUTH.")
    int revoke(@Mixin StorageOptions storage, @Parameters(paramLabel = "NAME", description = "The user's name.") String name) {
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageGatewayUsersUseCase.class, use -> {
            use.revoke(name, cli.actor());
            return null;
        });
        cli.err().println("revoked SMTP gateway user '" + name + "'");
        return Errors.OK;
    }
}

package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.ManageApiTokensUseCase;
import net.azt3knet.ports.in.ManageApiTokensUseCase.TokenInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code azt3knet tokens create|list|revoke}: bearer tokens of the admin HTTP API. */
@Command(name = "tokens", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Create, list and revoke the bearer tokens of the admin HTTP API ('azt3knet serve').",
            "A token is printed once; only its hash is stored. Role read may call the read endpoints, role admin everything. The token's name is the actor",
            "('api:NAME') in the audit trail."},
        footerHeading = "%nExamples:%n",
        footer = {"  TOKEN=$(azt3knet tokens create --name ci-pipeline --role admin)",
            "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/populations",
            "  azt3knet tokens list",
            "  azt3knet tokens revoke ci-pipeline"})
final class TokensCommand {

    private final Cli cli;

    TokensCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token and print it on stdout, once: store it where its user keeps secrets.")
    int create(@Mixin StorageOptions storage,
               @Option(names = "--name", required = true, paramLabel = "NAME", description = "Unique name: a-z, 0-9, '.', '_', '-'.") String name,
               @Option(names = "--role", required = true, paramLabel = "ROLE", description = "read or admin.") String role)
            throws IOException {
        ManageApiTokensUseCase.Role chosen = ManageApiTokensUseCase.Role.parse(role);
        var issued = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                ManageApiTokensUseCase.class, use -> use.create(name, chosen, cli.actor()));
        cli.out().write((issued.token() + "\n").getBytes(StandardCharsets.US_ASCII));
        cli.out().flush();
        cli.err().println("created token '" + issued.name() + "' (role " + chosen.word() + "); it is shown only now."
                + " Send it as 'Authorization: Bearer <token>'");
        return Errors.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The tokens: name, role, created, revoked (never the secret).")
    int list(@Mixin StorageOptions storage,
             @Mixin FormatOption format) throws IOException {
        Listing listing = new Listing("name", "role", "created_at", "revoked_at");
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageApiTokensUseCase.class, use -> {
            for (TokenInfo t : use.list()) {
                listing.row(t.name(), t.role().word(), t.createdAt().toString(), t.revokedAt() == null ? null : t.revokedAt().toString());
            }
            return null;
        });
        listing.write(cli.out(), format.chosen());
        return Errors.OK;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token: a running 'serve' refuses it within 10 seconds.")
    int revoke(@Mixin StorageOptions storage, @Parameters(paramLabel = "NAME", description = "The token's name.") String name) {
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageApiTokensUseCase.class, use -> {
            use.revoke(name, cli.actor());
            return null;
        });
        cli.err().println("revoked token '" + name + "'");
        return Errors.OK;
    }
}

package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.ReadAgentMailUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code azt3knet mail list|show --agent ADDRESS}: the mail kept for an agent. */
@Command(name = "mail", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Read the mail kept for an agent, in one mailbox.",
            "It holds what the SMTP gateway accepted for the agent's address and what a provider's inbound webhook delivered."},
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet mail list --agent ada.lopez@pop.example.org",
            "  azt3knet mail show --agent ada.lopez@pop.example.org '<1@client.example>'"})
final class MailCommand {

    private final Cli cli;

    MailCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The agent's newest messages, oldest first (never their content).")
    int list(@Mixin StorageOptions storage,
             @Option(names = "--agent", required = true, paramLabel = "ADDRESS", description = "The agent's address.") String agent,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most this many (1-1000; default 100).") int limit,
             @Mixin FormatOption format) throws IOException {
        Listing listing = new Listing("received_at", "message_id", "sender", "subject", "source", "size");
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ReadAgentMailUseCase.class, use -> {
            use.list(agent, limit).forEach(m -> listing.row(m.receivedAt().toString(), m.messageId(), m.sender(), m.subject(), m.source(),
                    m.payload().getBytes(StandardCharsets.UTF_8).length));
            return null;
        });
        listing.write(cli.out(), format.chosen());
        return Errors.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One message as it was kept: the message itself (SMTP) or the provider's payload (a webhook).")
    int show(@Mixin StorageOptions storage,
             @Option(names = "--agent", required = true, paramLabel = "ADDRESS", description = "The agent's address.") String agent,
             @Parameters(paramLabel = "MESSAGE-ID", description = "Its message_id, as list prints it.") String messageId) throws IOException {
        var m = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ReadAgentMailUseCase.class, use -> use.show(agent, messageId))
                .orElseThrow(() -> new UserInputException("no message '" + messageId + "' is kept for " + agent
                        + "; 'azt3knet mail list --agent " + agent + "' shows them"));
        cli.out().write(m.payload().getBytes(StandardCharsets.UTF_8));
        cli.out().flush();
        return Errors.OK;
    }
}

package net.azt3knet.app.cli;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet gdpr delete}: a data subject's erasure request (GDPR art. 17) for an outside address. */
@Command(name = "gdpr", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Privacy requests about people outside the population.",
            "'delete' removes every stored message, responder queue entry and reply from or to an address; the audit trail",
            "keeps only the address's SHA-256 hash and the counts. Our own agents' addresses are refused: their mailboxes",
            "go with 'azt3knet mailboxes teardown'. See docs/responder.md#privacy."},
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet gdpr delete --address someone@example.org          # what would go (exit 2)",
            "  azt3knet gdpr delete --address someone@example.org --yes    # delete it: prints the counts and the hash"})
final class GdprCommand {

    private final Cli cli;

    GdprCommand(Cli cli) {
        this.cli = cli;
    }

    private static final String[] COLUMNS = {"address_hash", "inbound", "queued", "replies", "total"};

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Erase everything stored from or to an outside address; without --yes only say what would go (exit 2).")
    int delete(@Mixin StorageOptions storage,
               @Option(names = "--address", required = true, paramLabel = "ADDRESS", description = "The person's e-mail address.") String address,
               @Option(names = "--yes", description = "Really delete: it cannot be undone.") boolean yes,
               @Mixin FormatOption format) throws IOException {
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (!a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new UserInputException("--address '" + address + "' is not an e-mail address, e.g. someone@example.org");
        }
        if (!yes) {
            // A plan, not counts: counting would read the person's mail once more for nothing.
            cli.err().println("gdpr delete would remove, for good:");
            cli.err().println("  every received message from or to the address (the gateway's and the providers' stored mail)");
            cli.err().println("  every responder queue entry from the address, and every reply or draft to it");
            cli.err().println("  the audit trail keeps only the address's SHA-256 hash and the counts");
            throw new UserInputException("gdpr delete: add --yes to delete them");
        }
        ErasePersonalDataUseCase.Erasure erased = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                ErasePersonalDataUseCase.class, use -> use.eraseAddress(a));
        new Listing(COLUMNS).row(erased.addressHash(), erased.inbound(), erased.queued(), erased.replies(), erased.total())
                .write(cli.out(), format.chosen());
        cli.err().println("erased " + erased.total() + " stored items; the audit trail records only the hash " + erased.addressHash());
        return Errors.OK;
    }
}

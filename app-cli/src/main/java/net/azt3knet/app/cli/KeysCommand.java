package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.ports.in.GenerateKeysUseCase;
import net.azt3knet.ports.in.ManageCredentialsUseCase;
import net.azt3knet.ports.in.ManageCredentialsUseCase.RotationReport;
import net.azt3knet.ports.out.crypto.RecipientKeys;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet keys generate|recipient|rotate}. */
@Command(name = "keys", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = {"The master key (SECRET_KEY_FOR_KV_ENC) and the recipient keys of credential exports.",
            "The master key derives and encrypts the agents' credentials. See docs/security.md."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  echo \"SECRET_KEY_FOR_KV_ENC=$(azt3knet keys generate)\" >> .env && chmod 600 .env",
            "  azt3knet keys recipient --secret-key-out ops.key > ops.pub",
            "  azt3knet keys generate > new.key && azt3knet keys rotate --new-key-file new.key"})
final class KeysCommand {

    private final Cli cli;

    KeysCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Print a new random 32-byte master key in base64.",
                "Store it safely: losing it loses the stored credentials."})
    int generate(@Mixin StorageOptions storage) throws IOException {
        MasterKey key = Storage.withoutDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                GenerateKeysUseCase.class, GenerateKeysUseCase::newMasterKey);
        cli.out().write((key.encode() + "\n").getBytes(StandardCharsets.US_ASCII));
        cli.out().flush();
        key.destroy();
        return Errors.OK;
    }

    @Command(name = "recipient", mixinStandardHelpOptions = true,
            description = {"Make a key pair that receives credential exports.",
                "The secret key goes to a file (mode 0600), the public key (base64) to stdout for whoever exports."})
    int recipient(@Mixin StorageOptions storage,
                  @Option(names = "--secret-key-out", required = true, paramLabel = "FILE", description = "Where to write the secret key.")
                  Path secretOut) throws IOException {
        RecipientKeys keys = Storage.withoutDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                GenerateKeysUseCase.class, GenerateKeysUseCase::newRecipientKeys);
        try (OutputTarget target = OutputTarget.file(secretOut, "--secret-key-out", true)) {
            target.stream().write((Base64.getEncoder().encodeToString(keys.secretKey()) + "\n").getBytes(StandardCharsets.US_ASCII));
            target.commit();
        }
        cli.out().write((Base64.getEncoder().encodeToString(keys.publicKey()) + "\n").getBytes(StandardCharsets.US_ASCII));
        cli.out().flush();
        return Errors.OK;
    }

    static final class NewKey {
        @Option(names = "--new-key-file", paramLabel = "FILE", description = "File holding the new key (from 'keys generate').")
        Path file;

        @Option(names = "--new-key-env", paramLabel = "VAR", description = "Environment variable holding the new key.")
        String variable;
    }

    /** " (spool 3, mailboxes 9)": the places that held any, in report order; empty when none did. */
    private static String mailDetail(ManageCredentialsUseCase.MailRotation mail) {
        String places = mail.resealed().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().replace('_', ' ') + " " + String.format("%,d", e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
        return places.isEmpty() ? "" : " (" + places + ")";
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Re-encrypt everything sealed under the master key under a new one.",
                "First the stored credentials (one transaction), then the kept mail: the",
                "SMTP spool, the agents' mailboxes, the responder's mail and replies. Run",
                "it again if it was interrupted: what is under the new key is skipped.",
                "Stop 'serve' first (or run this again after restarting it with the new",
                "key). Then set SECRET_KEY_FOR_KV_ENC to the new key. Keys are never taken",
                "as arguments: other users can read those."})
    int rotate(@Mixin StorageOptions storage,
               @ArgGroup(exclusive = true, multiplicity = "1") NewKey newKey,
               @Option(names = "--save", description = {"After rotating, store the new key as SECRET_KEY_FOR_KV_ENC in the",
                   "secret store (AZT3KNET_SECRETS=file or vault; Vault writes use check-and-set)."}) boolean save)
            throws IOException {
        AppConfig config = Storage.prepare(cli, storage, EnumSet.of(Setting.MASTER_KEY));
        String text;
        String source;
        if (newKey.file != null) {
            source = "--new-key-file " + newKey.file;
            try {
                text = net.azt3knet.app.wiring.TextFiles.readUtf8(newKey.file);
            } catch (net.azt3knet.app.wiring.TextFiles.UnreadableException e) {
                throw new UserInputException("--new-key-file: '" + newKey.file + "' " + e.getMessage()
                        + "; give the file that holds the new key ('azt3knet keys generate' makes one)");
            }
        } else {
            source = "--new-key-env " + newKey.variable;
            text = cli.env().get(newKey.variable);
            if (text == null) throw new UserInputException("--new-key-env: variable " + newKey.variable + " is not set");
        }
        MasterKey key = MasterKey.parse(source, text);
        RotationReport report = Storage.withDatabase(config,
                ManageCredentialsUseCase.class, use -> use.rotate(key, cli.actor(), save));
        cli.err().println("re-encrypted " + String.format("%,d", report.resealed()) + " credentials and "
                + String.format("%,d", report.mail().total()) + " stored messages from key " + report.fromKeyId() + " to "
                + report.toKeyId() + mailDetail(report.mail()));
        if (report.mail().unopened() > 0) {
            cli.err().println("warning: " + String.format("%,d", report.mail().unopened()) + " stored messages open under neither"
                    + " key (sealed under a third one, or altered) and were left as they are; rotating again with that key as "
                    + MasterKey.VARIABLE + " re-encrypts them too");
        }
        if (report.savedTo() != null) {
            cli.err().println("stored the new key as " + MasterKey.VARIABLE + " in the secret store (" + report.savedTo()
                    + "; keep the old one offline until you no longer need to re-derive passwords made under it; see docs/security.md)");
        } else {
            cli.err().println("now set SECRET_KEY_FOR_KV_ENC to the new key (and keep the old one until you no longer need"
                    + " to re-derive passwords made under it; see docs/security.md)");
        }
        return Errors.OK;
    }
}

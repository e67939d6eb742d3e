package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.UUID;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.ManageCredentialsUseCase;
import net.azt3knet.ports.in.OpenCredentialExportUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet credentials export|open}. */
@Command(name = "credentials", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = {"Export the agents' mailbox credentials sealed for one recipient, and open such exports.",
            "Sealed boxes (X25519) that only the recipient's secret key opens. See docs/security.md."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet keys recipient --secret-key-out ops.key > ops.pub",
            "  azt3knet credentials export --population $ID --recipient-key ops.pub --out creds.sealed",
            "  azt3knet credentials open --in creds.sealed --secret-key-file ops.key --out creds.csv"})
final class CredentialsCommand {

    private final Cli cli;

    CredentialsCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a population's credentials, sealed for a recipient.",
                "CSV (index,username,email,password,app_password) in a sealed box; with --plaintext, plain CSV (mode 0600)."})
    int export(@Mixin StorageOptions storage,
               @Option(names = "--population", required = true, paramLabel = "ID", description = "Population id.") String id,
               @Option(names = "--recipient-key", paramLabel = "PUB", description = "Recipient's public key: base64, or a file holding it.") String recipient,
               @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write (atomically).") Path out,
               @Option(names = "--plaintext", description = "Write plain CSV instead of a sealed box (you will be warned).") boolean plaintext)
            throws IOException {
        UUID population = Ids.population(id);
        if (plaintext == (recipient != null)) {
            throw new UserInputException("credentials export: give --recipient-key PUB (sealed, recommended) or --plaintext, not both or neither");
        }
        byte[] publicKey = recipient == null ? null : key("--recipient-key", recipient);
        try (OutputTarget target = OutputTarget.file(out, "--out", true)) {
            byte[] data = Storage.withDatabase(cli, storage, EnumSet.of(Setting.MASTER_KEY), ManageCredentialsUseCase.class,
                    credentials -> plaintext ? credentials.exportPlaintext(population, cli.actor())
                            : credentials.export(population, publicKey, cli.actor()));
            target.stream().write(data);
            java.util.Arrays.fill(data, (byte) 0);
            target.commit();
        }
        if (plaintext) {
            cli.err().println("azt3knet: warning: " + out + " holds the passwords in plain text (mode 0600); delete it when done");
        } else {
            cli.err().println("sealed the credentials of population " + population + " into " + out);
        }
        return Errors.OK;
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = {"Decrypt an export with the recipient's secret key.",
                "The CSV goes to stdout, or to --out (mode 0600)."})
    int open(@Mixin StorageOptions storage,
             @Option(names = "--in", required = true, paramLabel = "FILE", description = "The export file.") Path in,
             @Option(names = "--secret-key-file", required = true, paramLabel = "FILE", description = "The recipient's secret key file.") Path secretKeyFile,
             @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here (mode 0600) instead of stdout.") Path out)
            throws IOException {
        byte[] sealed = read("--in", in);
        byte[] secret = key("--secret-key-file", secretKeyFile.toString());
        byte[] csv = Storage.withoutDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                OpenCredentialExportUseCase.class, use -> use.open(sealed, secret));
        try (OutputTarget target = out == null ? OutputTarget.stdout(cli.out()) : OutputTarget.file(out, "--out", true)) {
            target.stream().write(csv);
            target.commit();
        } finally {
            java.util.Arrays.fill(csv, (byte) 0);
        }
        return Errors.OK;
    }

    /** A 32-byte key given as base64 text or as a file holding it. */
    private static byte[] key(String flag, String value) {
        String text = value;
        Path file = Path.of(value);
        if (flag.equals("--recipient-key") && value.length() != 44 && !Files.exists(file)) {
            throw new UserInputException(flag + ": '" + value + "' is neither a 32-byte base64 key (44 characters) nor a"
                    + " file; give the public key that 'azt3knet keys recipient' printed, or the file holding it");
        }
        if (value.length() != 44 || Files.exists(file)) text = new String(read(flag, file), StandardCharsets.US_ASCII);
        try {
            byte[] k = Base64.getDecoder().decode(text.strip());
            if (k.length == 32) return k;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UserInputException(flag + ": not a 32-byte base64 key; make one with 'azt3knet keys recipient'");
    }

    private static byte[] read(String flag, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(flag + ": no such file '" + file + "'");
        } catch (IOException e) {
            throw new UserInputException(flag + ": cannot read '" + file + "': " + e.getClass().getSimpleName());
        }
    }
}

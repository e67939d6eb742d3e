package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.app.wiring.SmtpGateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet smtp serve|cert}: the SMTP gateway alone, and a development certificate for it. */
@Command(name = "smtp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"The SMTP gateway (docs/smtp.md): submission with STARTTLS; every accepted message is stored before the 250 reply.",
            "'serve' starts it too when AZT3KNET_SMTP is set; 'smtp serve' runs it without the admin API."},
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet smtp cert --self-signed --host localhost --out-dir ./smtp-tls",
            "  AZT3KNET_SMTP=127.0.0.1:2587 AZT3KNET_SMTP_CERT=./smtp-tls/cert.pem AZT3KNET_SMTP_KEY=./smtp-tls/key.pem azt3knet smtp serve"})
final class SmtpCommand {

    private final Cli cli;

    SmtpCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Run the SMTP gateway on AZT3KNET_SMTP (host:port; port 0 picks a free one, printed on stdout as host:port).",
                "Without it or --listen: 127.0.0.1:587 as root, else a free port. AZT3KNET_SMTPS adds implicit TLS (465).",
                "Stops on Ctrl-C or SIGTERM: it stops accepting, then closes the database."})
    int serve(@Mixin StorageOptions storage,
              @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where to listen (default: $AZT3KNET_SMTP, else 127.0.0.1:587 as root, else a free port).") String listen)
            throws Exception {
        if (listen != null) {
            storage.commandFlags.put(Setting.SMTP_LISTEN, listen);
        } else if (storage.load(cli).value(Setting.SMTP_LISTEN).filter(v -> !v.isBlank()).isEmpty()) {
            storage.commandFlags.put(Setting.SMTP_LISTEN, SmtpGateway.defaultListen());
        }
        // the master key too: the spool's content is sealed with it
        AppConfig config = Storage.prepare(cli, storage, EnumSet.of(Setting.SMTP_LISTEN, Setting.MASTER_KEY));
        try (StopSignal stop = new StopSignal()) {
            Storage.withDatabase(config, SmtpGateway.class, gateway -> {
                try (SmtpGateway.Running smtp = gateway.start()) {
                    cli.out().write((smtp.address() + "\n" + smtp.implicitTlsAddress().map(a -> a + "\n").orElse(""))
                            .getBytes(StandardCharsets.US_ASCII));
                    cli.out().flush();
                    announce(cli, smtp);
                    stop.await();
                    cli.err().println("azt3knet: stopping the SMTP gateway");
                }
                return null;
            });
        }
        return Errors.OK;
    }

    /** The line {@code serve} and {@code smtp serve} print when the gateway starts: the port actually bound, who relays. */
    static void announce(Cli cli, SmtpGateway.Running smtp) {
        if (!smtp.listening()) {
            cli.err().println("azt3knet: SMTP gateway not listening (AZT3KNET_SMTP unset); relaying the shared spool through "
                    + String.join(", ", smtp.relayingThrough()) + " ('azt3knet integrations list')");
            return;
        }
        cli.err().println("azt3knet: SMTP gateway listening on " + smtp.address() + (smtp.trustsLoopback() ? " (loopback clients trusted: no TLS or AUTH needed)" : " (submission, STARTTLS required)")
                + smtp.implicitTlsAddress().map(a -> " and on " + a + " (implicit TLS)").orElse("") + "; " + (smtp.relaying()
                ? "relaying through " + String.join(", ", smtp.relayingThrough()) + " ('azt3knet integrations list')"
                : "not relaying (AZT3KNET_SMTP_RELAY=off, or no mail delivery enabled): accepted mail waits in the spool"));
    }

    @Command(name = "cert", mixinStandardHelpOptions = true,
            description = {"Write a self-signed certificate and its key for development (cert.pem, and key.pem with mode 0600).",
                "Clients must be told to trust it; use a certificate from a CA in production."})
    int cert(@Option(names = "--self-signed", required = true, description = "Make a self-signed certificate (the only kind this makes).") boolean selfSigned,
             @Option(names = "--host", required = true, paramLabel = "HOST", description = "The name (or IPv4 address) clients connect to.") String host,
             @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Directory for cert.pem and key.pem (created when missing).") Path dir,
             @Option(names = "--days", defaultValue = "365", paramLabel = "DAYS", description = "Validity in days, 1-3650 (default: ${DEFAULT-VALUE}).") int days)
            throws IOException {
        if (days < 1 || days > 3650) throw new UserInputException("--days " + days + " is out of range; give 1 to 3650");
        SmtpGateway.Pem written;
        try {
            written = SmtpGateway.selfSigned(host, dir, days);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        cli.err().println("wrote " + written.certificate() + " and " + written.privateKey() + " (self-signed for " + host + ", " + days + " days)");
        cli.out().write(("AZT3KNET_SMTP_CERT=" + written.certificate() + "\nAZT3KNET_SMTP_KEY=" + written.privateKey() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        cli.out().flush();
        return Errors.OK;
    }
}

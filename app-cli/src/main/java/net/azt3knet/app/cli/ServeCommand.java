package net.azt3knet.app.cli;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import net.azt3knet.app.http.AdminApi;
import net.azt3knet.app.http.ApiUseCases;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.app.wiring.SmtpGateway;
import net.azt3knet.ports.in.RunResponderUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code azt3knet serve}: the long-running process: the admin HTTP API, the SMTP gateway when AZT3KNET_SMTP is set, and
 * the relay of the spool whenever a mail delivery is enabled (a relay-only instance needs no AZT3KNET_SMTP), and the AI
 * responder when AZT3KNET_RESPONDER is on.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Run the admin HTTP API: every CLI flow over HTTP.",
            "Populate, populations, mailboxes, recreate, DNS, credentials export and audit;  health (/healthz, /readyz), Prometheus metrics (/metrics) and /openapi.json.",
            "With AZT3KNET_SMTP set, the SMTP gateway too; with a mail delivery enabled, the relay of its spool, also without AZT3KNET_SMTP (docs/smtp.md).",
            "With AZT3KNET_RESPONDER=on, the AI responder: enabled agents answer their mail in persona (docs/responder.md).",
            "Same configuration and data as the CLI. Jobs are kept in the database: several serve processes on one database share them.",
            "Stops gracefully on Ctrl-C or SIGTERM, leaving running jobs to the next. See docs/api.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet serve                              # http://127.0.0.1:8080 on the embedded database",
            "  azt3knet serve --http 0.0.0.0:8080          # every interface (put TLS in front of it)",
            "  TOKEN=$(azt3knet tokens create --name me --role admin)",
            "  curl -H \"Authorization: Bearer $TOKEN\" -d '{\"count\":3,\"seed\":\"42\"}' http://127.0.0.1:8080/api/populate"})
final class ServeCommand implements Callable<Integer> {

    private final Cli cli;

    ServeCommand(Cli cli) {
        this.cli = cli;
    }

    @Option(names = "--http", paramLabel = "HOST:PORT", description = "Where to listen (default: $AZT3KNET_HTTP or 127.0.0.1:8080; port 0 picks a free one).")
    String http;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() throws Exception {
        if (http != null) storage.commandFlags.put(Setting.HTTP_LISTEN, http);
        AppConfig config = Storage.prepare(cli, storage, EnumSet.noneOf(Setting.class));
        config.checkInboundWebhook(); // a short secret or no master key is a configuration error at start, not a webhook that fails
        boolean responderOn = config.responderOn();
        if (responderOn) config.checkResponder(); // exit 2 naming the master key or model server it lacks, before anything starts
        // the gateway seals its spool with the master key: exit 2 naming it before anything starts (a relay-only process is
        // refused as its relay starts)
        if (config.smtpGateway().isPresent()) config.validate(EnumSet.of(Setting.MASTER_KEY));
        InetSocketAddress at = config.httpListen();
        try (StopSignal stop = new StopSignal()) {
            Storage.withDatabase(config, ApiUseCases.class, SmtpGateway.class, RunResponderUseCase.class, (use, gateway, responder) -> {
                boolean noTokens = use.tokens().list().stream().allMatch(t -> t.revokedAt() != null);
                // Closed in reverse: the responder stops (its replies in flight reach the spool) before the relay empties it.
                try (AdminApi api = AdminApi.start(use, config, at, config.dataDir().resolve("http"));
                     SmtpGateway.Running smtp = gateway.configured() || gateway.relays() ? gateway.start() : null;
                     RunResponderUseCase.Running replies = responderOn ? responder.get().orElseThrow(() -> new UserInputException(
                             "AZT3KNET_RESPONDER=on, but this build stores no responder queue yet; set AZT3KNET_RESPONDER=off")).start() : null) {
                    String url = "http://" + (at.getHostString().contains(":") ? "[" + at.getHostString() + "]" : at.getHostString())
                            + ":" + api.port();
                    cli.out().write((url + "\n").getBytes(StandardCharsets.US_ASCII));
                    cli.out().flush();
                    cli.err().println("azt3knet: admin API listening on " + url + " (OpenAPI: " + url + "/openapi.json); Ctrl-C stops it");
                    if (smtp != null) SmtpCommand.announce(cli, smtp);
                    if (replies != null) cli.err().println("azt3knet: AI responder running: " + replies.describe());
                    cli.err().println(noTokens
                            ? "azt3knet: no API tokens yet: create one with 'azt3knet tokens create --name admin --role admin'"
                            : "azt3knet: tokens: 'azt3knet tokens list'; a new one: 'azt3knet tokens create --name NAME --role read|admin'");
                    stop.await();
                    cli.err().println("azt3knet: stopping: finishing requests in flight");
                }
                return null;
            });
        } catch (AdminApi.ListenException e) {
            throw new UserInputException(e.getMessage());
        }
        return Errors.OK;
    }
}

package net.azt3knet.app.cli;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.azt3knet.app.http.AdminApi;
import net.azt3knet.app.http.ApiUseCases;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet serve}: the long-running process; for now the admin HTTP API. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Run the admin HTTP API: every CLI flow over HTTP.",
            "Populate, populations, mailboxes, recreate, DNS, credentials export and audit;  health (/healthz, /readyz), Prometheus metrics (/metrics) and /openapi.json.",
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
        config.mailjetInboundSecret(); // a short one is a configuration error at start, not a webhook that stays off
        InetSocketAddress at = config.httpListen();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(20, TimeUnit.SECONDS); // let the main thread finish requests in flight and close the database
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "azt3knet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Storage.withDatabase(config, ApiUseCases.class, use -> {
                boolean noTokens = use.tokens().list().stream().allMatch(t -> t.revokedAt() != null);
                try (AdminApi api = AdminApi.start(use, config, at, config.dataDir().resolve("http"))) {
                    String url = "http://" + (at.getHostString().contains(":") ? "[" + at.getHostString() + "]" : at.getHostString())
                            + ":" + api.port();
                    cli.out().write((url + "\n").getBytes(StandardCharsets.US_ASCII));
                    cli.out().flush();
                    cli.err().println("azt3knet: admin API listening on " + url + " (OpenAPI: " + url + "/openapi.json); Ctrl-C stops it");
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
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is what brought us here
            }
        }
        return Errors.OK;
    }
}

package net.azt3knet.app.http;

import com.google.inject.Injector;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Readiness;
import net.azt3knet.ports.in.ManageApiTokensUseCase;

/**
 * The admin HTTP API of {@code azt3knet serve}: Javalin on Jetty, a virtual thread per request, JSON in and out,
 * RFC 9457 problems for every failure. Built over the same injector as the CLI, so both run the same use cases.
 */
public final class AdminApi implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AdminApi.class.getName());

    private final Javalin server;
    private final Jobs jobs;
    private final Metrics metrics;
    private final List<Routes.Route> routes;

    private AdminApi(Javalin server, Jobs jobs, Metrics metrics, List<Routes.Route> routes) {
        this.server = server;
        this.jobs = jobs;
        this.metrics = metrics;
        this.routes = routes;
    }

    /**
     * Starts listening.
     *
     * @param injector the production injector (its lifecycle stays with the caller)
     * @param work     a directory for large results of jobs
     */
    public static AdminApi start(Injector injector, AppConfig config, InetSocketAddress at, Path work) {
        Clock clock = injector.getInstance(Clock.class);
        Jobs jobs = new Jobs(2, clock, Failures::problem);
        Metrics metrics = new Metrics(jobs);
        ProviderCalls.observe(metrics);
        Access access = new Access(injector.getInstance(ManageApiTokensUseCase.class), config.httpWriteRate());
        long maxBody = config.httpMaxBody();
        Routes routes = new Routes();
        new PopulationEndpoints(injector, config, jobs, maxBody, work).register(routes);
        new ReconcileEndpoints(injector, jobs, maxBody).register(routes);
        new OperatorEndpoints(injector, config, jobs, metrics, access, injector.getInstance(Readiness.class), maxBody, routes)
                .register(routes);
        List<String> origins = config.httpCorsOrigins();

        Javalin app = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = maxBody;
            cfg.http.disableCompression(); // NDJSON streams and small JSON: compression costs more CPU than it saves on a LAN
            cfg.http.defaultContentType = "application/json";
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000)); // graceful: requests in flight get 10 s
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setRequestHeaderSize(16 * 1024);
            });
            if (!origins.isEmpty()) {
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> origins.forEach(rule::allowHost)));
            }
        });
        app.before(ctx -> {
            ctx.attribute("azt3knet.start", System.nanoTime());
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            ctx.header("Cache-Control", "no-store");
        });
        for (Routes.Route r : routes.all()) {
            app.addHttpHandler(HandlerType.valueOf(r.method()), r.path(), ctx -> {
                access.require(ctx, r.level());
                r.handler().handle(ctx);
            });
        }
        app.after(ctx -> {
            Long start = ctx.attribute("azt3knet.start");
            if (start == null) return;
            String route = ctx.endpointHandlerPath();
            metrics.request(ctx.method().name(), route == null || route.isEmpty() || route.equals("*") ? "unmatched" : route,
                    ctx.statusCode(), System.nanoTime() - start);
        });
        app.exception(ApiProblem.class, (e, ctx) -> Json.problem(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> Json.problem(ctx, new ApiProblem(e.getStatus(),
                e.getStatus() == 413 ? "Request too large" : "Request refused", e.getMessage(), null, null, null)));
        app.exception(Exception.class, (e, ctx) -> Json.problem(ctx, Failures.problem(e)));
        app.error(404, ctx -> {
            if (ctx.contentType() != null && ctx.contentType().startsWith(ApiProblem.CONTENT_TYPE)) return;
            Json.problem(ctx, ApiProblem.notFound("no such endpoint: " + ctx.method() + " " + ctx.path() + " (GET /openapi.json lists them)"));
        });
        app.error(405, ctx -> Json.problem(ctx, new ApiProblem(405, "Method not allowed", ctx.method() + " is not allowed on "
                + ctx.path(), null, null, null)));
        app.start(at.getHostString(), at.getPort());
        LOG.log(System.Logger.Level.INFO, "admin API listening on {0}:{1}", at.getHostString(), Integer.toString(app.port()));
        return new AdminApi(app, jobs, metrics, routes.all());
    }

    public int port() {
        return server.port();
    }

    /** Method and path of every route, e.g. {@code GET /api/jobs/{id}}. */
    public List<String> routes() {
        return routes.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Stops taking requests, lets those in flight finish (up to 10 s), cancels running jobs. */
    @Override
    public void close() {
        server.stop();
        jobs.close();
        ProviderCalls.observe(null);
        metrics.close();
    }
}

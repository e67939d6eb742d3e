package net.azt3knet.app.http;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import io.javalin.util.JavalinBindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.adapters.smtp.SmtpEvents;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.IntegrationHealth;
import net.azt3knet.app.wiring.ResponderEvents;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.SealAgentMailUseCase;

/**
 * The admin HTTP API of {@code azt3knet serve}: Javalin on Jetty, a virtual thread per request, JSON in and out,
 * RFC 9457 problems for every failure. Its endpoints run the use cases the CLI runs, built by the same injector.
 */
public final class AdminApi implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AdminApi.class.getName());
    private static final String ABORTED = "azt3knet.aborted";
    /** The metrics' status for a request whose client went away before the answer was written (nginx's 499). */
    static final String CLIENT_CLOSED = "499";

    /** The listen address cannot be bound (taken, or not this host's): the operator chooses another. */
    public static final class ListenException extends RuntimeException {
        ListenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Javalin server;
    private final Jobs jobs;
    private final Schedule schedule;
    private final Metrics metrics;
    private final List<Routes.Route> routes;

    private final ResponderEvents responderEvents;

    private AdminApi(Javalin server, Jobs jobs, Schedule schedule, Metrics metrics, List<Routes.Route> routes,
                     ResponderEvents responderEvents) {
        this.responderEvents = responderEvents;
        this.server = server;
        this.jobs = jobs;
        this.schedule = schedule;
        this.metrics = metrics;
        this.routes = routes;
    }

    /** Mail an earlier release kept in the clear is sealed before the API serves it; without the master key it waits for the next start. */
    private static void sealAgentMail(SealAgentMailUseCase seal) {
        try {
            long sealed = seal.sealStored();
            if (sealed > 0) LOG.log(System.Logger.Level.INFO, "sealed {0} messages an earlier release kept in the clear", Long.toString(sealed));
        } catch (RejectedCommandException e) {
            LOG.log(System.Logger.Level.WARNING, "messages an earlier release kept in the clear stay so: " + e.getMessage());
        }
    }

    /**
     * Starts listening. This is the API's composition root: each endpoint class gets the use cases it runs.
     *
     * @param use  what the API runs, as the production injector builds it (its lifecycle stays with the caller)
     * @param work a directory for large results of jobs
     */
    public static AdminApi start(ApiUseCases use, AppConfig config, InetSocketAddress at, Path work) {
        sealAgentMail(use.sealMail);
        Jobs jobs = new Jobs(use.queue, 2, work, Failures::problem);
        Schedule schedule = new Schedule(use.tasks, jobs, use.clock, config.jobRetention(),
                config.dynUpdateEvery(), config.dynUpdateEvery().isPresent() ? config.dynUpdateDomain() : null);
        Metrics metrics = new Metrics(jobs);
        ProviderCalls.observe(IntegrationHealth.observing(metrics));
        SmtpEvents.observe(metrics);
        metrics.integrations(() -> use.integrations.current(use.readiness));
        metrics.mailQueue(use.mailQueue);
        use.replyQueue.ifPresent(metrics::replyQueue);
        use.responderEvents.observe(metrics);
        Access access = new Access(use.tokens, config.httpWriteRate(), config.httpTrustedProxies());
        long maxBody = config.httpMaxBody();
        RunOptions runs = new RunOptions(use.providers);
        Routes routes = new Routes();
        new PopulationEndpoints(use.generate, use.enrich, use.populate, use.browse, use.report, use.delete, use.credentials,
                runs, config, jobs, maxBody).register(routes);
        new ReconcileEndpoints(use.mailboxes, use.verify, use.recreate, use.dns, use.browse, use.credentials, runs, jobs, maxBody)
                .register(routes);
        new MailQueueEndpoints(use.mailQueue, use.agentMail, maxBody).register(routes);
        if (use.responder.isPresent() && use.privacy.isPresent()) {
            new ResponderEndpoints(use.responder.get(), use.privacy.get(), maxBody).register(routes);
        }
        new OperatorEndpoints(use.audit, use.inbound, use.integrations, use.readiness, config, jobs, metrics, access)
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
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler());
                // graceful: requests in flight get 10 s; set once started, since stopping a server that failed to bind
                // with a stop timeout hides the bind failure behind "STOPPED"
                cfg.events.serverStarted(() -> server.setStopTimeout(10_000));
            });
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
        List<Routes.Route> registered = routes.all();
        Set<String> paths = registered.stream().map(Routes.Route::path).collect(Collectors.toSet());
        for (Routes.Route r : registered) {
            app.addHttpHandler(HandlerType.valueOf(r.method()), r.path(), ctx -> {
                access.require(ctx, r.level());
                checkQuery(ctx.queryString());
                try {
                    r.handler().handle(ctx);
                } catch (Exception e) {
                    if (clientGone(e)) ctx.attribute(ABORTED, true);
                    throw e;
                }
            });
        }
        app.after(ctx -> {
            Long start = ctx.attribute("azt3knet.start");
            if (start == null) return;
            String route = ctx.endpointHandlerPath();
            boolean aborted = Boolean.TRUE.equals(ctx.attribute(ABORTED));
            metrics.request(ctx.method().name(), paths.contains(route) ? route : "unmatched",
                    aborted ? CLIENT_CLOSED : Integer.toString(ctx.statusCode()), System.nanoTime() - start);
        });
        app.exception(ApiProblem.class, (e, ctx) -> Json.problem(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> Json.problem(ctx, new ApiProblem(e.getStatus(),
                e.getStatus() == 413 ? "Request too large" : "Request refused", e.getMessage(), null, null, null)));
        app.exception(Exception.class, (e, ctx) -> {
            if (Boolean.TRUE.equals(ctx.attribute(ABORTED))) return; // nobody is left to answer, and nothing failed here
            Json.problem(ctx, Failures.problem(e));
        });
        app.exception(EndpointNotFound.class, (e, ctx) -> {
            Set<String> allowed = Routes.allowed(registered, ctx.path());
            if (allowed.isEmpty()) {
                Json.problem(ctx, ApiProblem.notFound("no such endpoint: " + ctx.method() + " " + ctx.path()
                        + " (GET /openapi.json lists them)"));
                return;
            }
            ctx.header("Allow", String.join(", ", allowed));
            Json.problem(ctx, new ApiProblem(405, "Method not allowed", ctx.method() + " is not allowed on " + ctx.path()
                    + "; it answers " + String.join(", ", allowed), null, null, null));
        });
        try {
            app.start(at.getHostString(), at.getPort());
        } catch (RuntimeException e) {
            jobs.close();
            ProviderCalls.observe(null);
            SmtpEvents.observe(null);
            use.responderEvents.observe(null);
            metrics.close();
            if (e instanceof JavalinBindException) {
                String where = (at.getHostString().contains(":") ? "[" + at.getHostString() + "]" : at.getHostString()) + ":" + at.getPort();
                String reason = "";
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof java.net.BindException && t.getMessage() != null) reason = t.getMessage();
                }
                throw new ListenException(where + (reason.contains("in use") ? " is in use (is another 'azt3knet serve'"
                        + " running?)" : " cannot be bound (" + reason + ")") + "; listen elsewhere with --http HOST:PORT or"
                        + " AZT3KNET_HTTP (port 0 picks a free one)", e);
            }
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "admin API listening on {0}:{1}", at.getHostString(), Integer.toString(app.port()));
        jobs.start(); // only once listening: a process that cannot serve takes no work from the others
        schedule.start();
        return new AdminApi(app, jobs, schedule, metrics, registered, use.responderEvents);
    }

    /**
     * Refuses a query string with a broken percent-escape, naming the parameter: the query parser would drop it
     * silently, and a dropped {@code cursor} would answer the first page as if it were the one asked for.
     */
    static void checkQuery(String query) {
        if (query == null) return;
        for (String pair : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            try {
                URLDecoder.decode(pair, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                String shown;
                try {
                    shown = URLDecoder.decode(name, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException again) {
                    shown = name;
                }
                throw ApiProblem.badRequest(shown, shown + " is not correctly percent-encoded (each % must start a %XX escape);"
                        + " send the value encoded, e.g. a cursor exactly as next_cursor gave it");
            }
        }
    }

    /** Whether the client closed the connection: writing the answer failed because nobody reads it any more. */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.nio.channels.ClosedChannelException) return true;
        }
        return false;
    }

    public int port() {
        return server.port();
    }

    /** Method and path of every route, e.g. {@code GET /api/jobs/{id}}. */
    public List<String> routes() {
        return routes.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Stops taking requests, lets those in flight finish (up to 10 s), puts running jobs back in the queue. */
    @Override
    public void close() {
        schedule.close();
        server.stop();
        jobs.close();
        ProviderCalls.observe(null);
        SmtpEvents.observe(null);
        responderEvents.observe(null);
        metrics.close();
    }
}

package net.azt3knet.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.SpecJson;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.enrichment.EnrichableField;
import net.azt3knet.domain.generation.PreparedPopulation.CanonicalLayout;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.ports.in.BrowsePopulationsUseCase;
import net.azt3knet.ports.in.RealismReport;
import net.azt3knet.ports.in.ReportStoredRealismUseCase;
import net.azt3knet.ports.in.DeletePopulationUseCase;
import net.azt3knet.ports.in.EnrichPopulationUseCase;
import net.azt3knet.ports.in.EnrichmentOptions;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.ports.in.ManageCredentialsUseCase;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.PopulateUseCase;
import net.azt3knet.ports.in.PopulateUseCase.PopulateCommand;
import net.azt3knet.ports.in.PopulateUseCase.PopulateReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.out.store.JobQueue.QueuedJob;
import net.azt3knet.ports.out.store.PopulationConflictException;
import net.azt3knet.ports.out.store.PopulationRecord;

/** Populations: generate ({@code POST /api/populate}), list, read their agents, delete, export credentials. */
final class PopulationEndpoints {

    static final String NDJSON = "application/x-ndjson";
    /** Larger JSON previews run as a job whose result is a file; NDJSON of any size streams at once. */
    static final long INLINE_MAX = 10_000;
    private static final List<String> POPULATE_FIELDS = List.copyOf(RequestBody.fields(SpecJson.FIELDS, "preview", "persist",
            "create_mailboxes", "provider", "on_conflict", "atomic", "concurrency", "deadline_seconds", "enrich", "offline", "llm_fallback"));
    private static final int PAGE_MAX = 1000;

    private final GeneratePopulationUseCase generation;
    private final Supplier<EnrichPopulationUseCase> enriching;
    private final Supplier<PopulateUseCase> populating;
    private final BrowsePopulationsUseCase browse;
    private final ReportStoredRealismUseCase realism;
    private final DeletePopulationUseCase deleting;
    private final ManageCredentialsUseCase credentials;
    private final RunOptions runs;
    private final AppConfig config;
    private final Jobs jobs;
    private final long maxBody;
    private final int threads = Runtime.getRuntime().availableProcessors();

    /** The suppliers build their use case per call, as the injector always has: building one reads the master key. */
    PopulationEndpoints(GeneratePopulationUseCase generation, Supplier<EnrichPopulationUseCase> enriching,
                        Supplier<PopulateUseCase> populating, BrowsePopulationsUseCase browse, ReportStoredRealismUseCase realism,
                        DeletePopulationUseCase deleting, ManageCredentialsUseCase credentials, RunOptions runs, AppConfig config,
                        Jobs jobs, long maxBody) {
        this.generation = generation;
        this.enriching = enriching;
        this.populating = populating;
        this.browse = browse;
        this.realism = realism;
        this.deleting = deleting;
        this.credentials = credentials;
        this.runs = runs;
        this.config = config;
        this.jobs = jobs;
        this.maxBody = maxBody;
    }

    void register(Routes routes) {
        jobs.register("populate.preview", JobRequests.Preview.class, this::preview, this::previewAgain);
        jobs.register("populate.persist", JobRequests.Persist.class, this::persist);
        jobs.register("populate.create_mailboxes", JobRequests.Persist.class, this::persist);
        routes.post("/api/populate", Access.Level.ADMIN, this::populate);
        routes.get("/api/populations", Access.Level.READ, this::list);
        routes.get("/api/populations/{id}", Access.Level.READ, this::show);
        routes.get("/api/populations/{id}/agents", Access.Level.READ, this::agents);
        routes.get("/api/populations/{id}/report", Access.Level.READ, this::report);
        routes.delete("/api/populations/{id}", Access.Level.ADMIN, this::delete);
        routes.post("/api/populations/{id}/credentials:export", Access.Level.ADMIN, this::exportCredentials);
    }

    private void populate(Context ctx) throws IOException {
        RequestBody body = RequestBody.read(ctx, maxBody, POPULATE_FIELDS);
        SpecInput input = SpecJson.read(body.object());
        if (input.seed() == null) {
            input = input.withSeed(SpecJson.randomSeed());
            ctx.header("Azt3knet-Seed", input.seed()); // chosen here: send it back to get this population again
        }
        PopulationSpec spec = PopulationSpec.parse(input);
        long limit = body.number("preview", 1, spec.count(), spec.count());
        boolean persist = body.bool("persist") || body.bool("create_mailboxes");
        EnrichmentOptions enrichment = enrichment(body, Access.principal(ctx).actor());
        ProvisionMailboxesUseCase.ApplyCommand provisioning = null;
        if (body.bool("create_mailboxes")) {
            provisioning = runs.command(body, spec.populationId(), Access.principal(ctx).actor());
        } else {
            RunOptions.unused(body, "create_mailboxes puts the mailboxes", "add \"create_mailboxes\": true");
        }
        if (persist) {
            if (body.has("preview")) {
                throw ApiProblem.badRequest("preview", "persist stores the whole population; leave out preview and read the agents"
                        + " afterwards at /api/populations/{id}/agents");
            }
            persistJob(ctx, spec, enrichment, provisioning);
            return;
        }
        boolean ndjson = wants(ctx, NDJSON);
        if (ndjson) {
            ctx.status(200).contentType(NDJSON);
            stream(spec, limit, enrichment, CanonicalLayout.NDJSON, ctx.outputStream());
            return;
        }
        if (limit <= INLINE_MAX) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) limit * 900 + 16);
            stream(spec, limit, enrichment, CanonicalLayout.JSON_ARRAY_ELEMENTS, out);
            ctx.status(200).contentType("application/json").result(out.toByteArray());
            return;
        }
        accepted(ctx, jobs, jobs.submit("populate.preview", Access.principal(ctx).actor(), "preview:" + spec.populationId(),
                new JobRequests.Preview(spec.toInput(), limit, JobRequests.Enrichment.of(enrichment))));
    }

    /** Runs a stored preview request: the agents go to the job's result file, which any later request can read. */
    private ObjectNode preview(JobRequests.Preview request, Jobs.Running job) throws IOException {
        PopulationSpec spec = PopulationSpec.parse(request.spec());
        EnrichmentOptions enrichment = request.enrichment() == null ? null : request.enrichment().options(job.owner);
        job.progress(0, request.limit());
        jobs.writeOutput(job.id, out -> stream(spec, request.limit(), enrichment, CanonicalLayout.JSON_ARRAY_ELEMENTS, out, job));
        return Json.object().put("agents", request.limit()).put("seed", spec.seed());
    }

    /**
     * The result file of a preview another process ran, the same bytes again: generation is a function of the stored
     * spec, and the enriched fields are read back from the replay cache its run filled (the model is not asked again).
     */
    private void previewAgain(JobRequests.Preview request, String owner, OutputStream out) throws IOException {
        EnrichmentOptions enrichment = request.enrichment() == null ? null : request.enrichment().replayed(owner);
        stream(PopulationSpec.parse(request.spec()), request.limit(), enrichment, CanonicalLayout.JSON_ARRAY_ELEMENTS, out, null);
    }

    /** The agents as canonical JSON (a whole array, or NDJSON lines): the bytes 'azt3knet populate' writes. */
    private void stream(PopulationSpec spec, long limit, EnrichmentOptions enrichment, CanonicalLayout layout, OutputStream out)
            throws IOException {
        stream(spec, limit, enrichment, layout, out, null);
    }

    private void stream(PopulationSpec spec, long limit, EnrichmentOptions enrichment, CanonicalLayout layout, OutputStream out,
                        Jobs.Running job) throws IOException {
        boolean array = layout == CanonicalLayout.JSON_ARRAY_ELEMENTS;
        if (array) out.write('[');
        long[] done = {0};
        GeneratePopulationCommand command = new GeneratePopulationCommand(spec, limit, threads);
        try {
            if (enrichment == null) {
                generation.generateCanonical(command, layout, (chunk, agents) -> {
                    write(out, chunk);
                    if (job != null) job.progress(done[0] += agents, limit);
                });
            } else {
                enriching.get().generate(command, enrichment, agents -> {
                    ByteBuilder b = new ByteBuilder(agents.size() * 1024);
                    for (var e : agents) {
                        if (array) b.ascii(e.profile().index() == 0 ? "\n" : ",\n");
                        e.appendJson(b);
                        if (!array) b.append('\n');
                    }
                    return b;
                }, (chunk, agents) -> {
                    write(out, chunk);
                    if (job != null) job.progress(done[0] += agents, limit);
                });
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        if (array) out.write("\n]\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void write(OutputStream out, ByteBuilder chunk) {
        try {
            out.write(chunk.array(), 0, chunk.length());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private EnrichmentOptions enrichment(RequestBody body, String actor) {
        List<String> fields = body.list("enrich");
        if (fields.isEmpty()) {
            for (String f : List.of("offline", "llm_fallback")) {
                if (body.has(f)) throw ApiProblem.badRequest(f, f + " sets up enrichment; add \"enrich\": [\"bio\", \"tone\"]");
            }
            return null;
        }
        Set<EnrichableField> chosen;
        try {
            chosen = EnrichableField.parseList(String.join(",", fields));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("enrich", "enrich: " + e.getMessage());
        }
        EnrichmentOptions.Fallback fallback = switch (body.text("llm_fallback", "fail")) {
            case "fail" -> EnrichmentOptions.Fallback.FAIL;
            case "offline" -> EnrichmentOptions.Fallback.OFFLINE;
            default -> throw ApiProblem.badRequest("llm_fallback", "llm_fallback must be fail or offline");
        };
        return new EnrichmentOptions(chosen, config.llmModel(), body.bool("offline") ? EnrichmentOptions.Mode.REPLAY
                : EnrichmentOptions.Mode.LIVE, fallback, config.llmConcurrency(), actor, null);
    }

    private void persistJob(Context ctx, PopulationSpec spec, EnrichmentOptions enrichment,
                            ProvisionMailboxesUseCase.ApplyCommand provisioning) {
        config.masterKey(); // a missing master key is the caller's answer now, not a failed job later
        credentials.checkMasterKey(); // so is another key than the database's
        String actor = Access.principal(ctx).actor();
        try {
            populating.get().check(new PopulateCommand(new PersistPopulationCommand(spec, threads, actor, null, enrichment),
                    provisioning));
        } catch (PopulationConflictException stored) {
            throw ApiProblem.conflict("population " + spec.populationId() + " is stored already (same spec and seed): read it at"
                    + " /api/populations/" + spec.populationId() + ", or POST /api/recreate to reconcile it");
        }
        // Stored already with create_mailboxes: the request is sent again after a cancel or a failure, so the
        // provisioning resumes (the reconcile adopts what exists) instead of answering 409.
        accepted(ctx, jobs, jobs.submit(provisioning == null ? "populate.persist" : "populate.create_mailboxes", actor,
                "population:" + spec.populationId(), new JobRequests.Persist(spec.toInput(), JobRequests.Enrichment.of(enrichment),
                        provisioning == null ? null : JobRequests.Run.of(provisioning))));
    }

    /**
     * Runs a stored persist request: the populate flow the CLI runs. A job run again (taken over from a process that
     * died after storing the population) goes on to the provisioning, which resumes from its ledger.
     */
    private ObjectNode persist(JobRequests.Persist request, Jobs.Running job) {
        PopulationSpec spec = PopulationSpec.parse(request.spec());
        EnrichmentOptions enrichment = request.enrichment() == null ? null : request.enrichment().options(job.owner);
        job.progress(0, spec.count());
        PopulateReport made = populating.get().populate(new PopulateCommand(new PersistPopulationCommand(spec, threads, job.owner,
                done -> job.progress(done, spec.count()), enrichment),
                request.run() == null ? null : request.run().command(job.owner, job::progress), job.attempts > 1));
        ObjectNode result = Json.object().put("population", spec.populationId().toString()).put("agents", made.agents())
                .put("seed", spec.seed());
        if (made.resumed()) result.put("resumed", true);
        if (made.mailboxes() != null) result.set("mailboxes", ReconcileEndpoints.report(made.mailboxes()));
        return result;
    }

    static void accepted(Context ctx, Jobs jobs, QueuedJob job) {
        ctx.header("Location", "/api/jobs/" + job.id());
        Json.send(ctx, 202, jobs.json(job));
    }

    static boolean wants(Context ctx, String type) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(type);
    }

    private void list(Context ctx) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (PopulationRecord p : browse.list()) out.add(population(p));
        Json.send(ctx, 200, Json.object().set("populations", out));
    }

    private void show(Context ctx) {
        Json.send(ctx, 200, population(browse.show(id(ctx))));
    }

    static ObjectNode population(PopulationRecord p) {
        SpecInput s = p.spec();
        ObjectNode o = Json.object().put("id", p.id().toString()).put("agents", p.agents()).put("status", p.status())
                .put("created_at", p.createdAt().toString());
        o.set("spec", SpecJson.write(s));
        o.putObject("links").put("self", "/api/populations/" + p.id()).put("agents", "/api/populations/" + p.id() + "/agents")
                .put("report", "/api/populations/" + p.id() + "/report");
        return o;
    }

    /**
     * A page of agents ({@code limit}, {@code cursor}), or with {@code Accept: application/x-ndjson} every agent from
     * the cursor on, streamed: the bytes 'populations export' writes.
     */
    private void agents(Context ctx) throws IOException {
        UUID population = id(ctx);
        long from = cursor(ctx.queryParam("cursor"));
        String limitText = ctx.queryParam("limit");
        int limit;
        try {
            limit = limitText == null ? 100 : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > PAGE_MAX) throw ApiProblem.badRequest("limit", "limit must be a whole number from 1 to " + PAGE_MAX);
        PopulationRecord p = browse.show(population); // after the parameters: a bad request is one whatever the id
        if (wants(ctx, NDJSON)) {
            ctx.status(200).contentType(NDJSON);
            OutputStream out = new java.io.BufferedOutputStream(ctx.outputStream(), 1 << 16);
            try {
                browse.agents(population, from, Long.MAX_VALUE, a -> {
                    try {
                        out.write(a.profileJson());
                        out.write('\n');
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            out.flush();
            return;
        }
        ByteBuilder b = new ByteBuilder(limit * 900 + 256);
        b.ascii("{\"agents\":[");
        long[] count = {0};
        browse.agents(population, from, limit, a -> {
            if (count[0]++ > 0) b.append(',');
            b.bytes(a.profileJson());
        });
        b.append(']');
        long next = from + count[0];
        if (count[0] == limit && next < p.agents()) {
            String c = cursorOf(next);
            String link = "/api/populations/" + population + "/agents?limit=" + limit + "&cursor=" + c;
            b.ascii(",\"next_cursor\":\"").ascii(c).ascii("\",\"links\":{\"next\":\"").ascii(link).ascii("\"}");
            ctx.header("Link", "<" + link + ">; rel=\"next\"");
        }
        b.ascii(",\"total\":").number(p.agents()).append('}');
        ctx.status(200).contentType("application/json").result(java.util.Arrays.copyOf(b.array(), b.length()));
    }

    static String cursorOf(long index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("i" + index).getBytes(StandardCharsets.US_ASCII));
    }

    static long cursor(String text) {
        if (text == null || text.isEmpty()) return 0;
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            if (decoded.startsWith("i")) {
                long n = Long.parseLong(decoded.substring(1));
                if (n >= 0) return n;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiProblem.badRequest("cursor", "cursor is not one this API gave out; use next_cursor from the previous page");
    }

    static UUID id(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("id", "'" + ctx.pathParam("id") + "' is not a population id; GET /api/populations lists them");
        }
    }

    /** The realism report of a stored population: the page 'populations report' writes. */
    private void report(Context ctx) {
        RealismReport report = realism.report(id(ctx));
        ctx.status(200).contentType("text/html; charset=utf-8").result(report.html().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void delete(Context ctx) {
        UUID population = id(ctx);
        String keep = ctx.queryParam("keep_mailboxes");
        if (keep != null && !keep.matches("true|false")) throw ApiProblem.badRequest("keep_mailboxes", "keep_mailboxes must be true or false");
        long agents = deleting.delete(population, Access.principal(ctx).actor(),
                "true".equals(keep));
        Json.send(ctx, 200, Json.object().put("deleted", population.toString()).put("agents", agents));
    }

    /** The credentials sealed for the caller's public key: never plaintext over HTTP. */
    private void exportCredentials(Context ctx) {
        UUID population = id(ctx);
        RequestBody body = RequestBody.read(ctx, maxBody, List.of("recipient_key"));
        String key = body.text("recipient_key");
        byte[] publicKey;
        try {
            publicKey = key == null ? null : Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            publicKey = null;
        }
        if (publicKey == null || publicKey.length != 32) {
            throw ApiProblem.badRequest("recipient_key", "recipient_key must be a 32-byte X25519 public key in base64"
                    + " (make one with 'azt3knet keys recipient'); credentials are never sent in plain text");
        }
        byte[] sealed = credentials.export(population, publicKey, Access.principal(ctx).actor());
        ctx.status(200).contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"" + population + ".sealed\"").result(sealed);
    }
}

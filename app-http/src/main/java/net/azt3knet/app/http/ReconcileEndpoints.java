package net.azt3knet.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import net.azt3knet.app.wiring.SpecJson;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.DnsPlan;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.domain.mailbox.ChangeKind;
import net.azt3knet.domain.mailbox.MailboxChange;
import net.azt3knet.domain.mailbox.MailboxPlan;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.ports.in.BrowsePopulationsUseCase;
import net.azt3knet.ports.in.ManageCredentialsUseCase;
import net.azt3knet.ports.in.ManageDnsUseCase;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.in.VerifyMailboxesUseCase;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.VerifyReport;
import net.azt3knet.ports.in.RecreatePopulationUseCase;

/** The reconciles: mailboxes (plan, apply, verify, teardown), recreate, and the mail domain's DNS. */
final class ReconcileEndpoints {

    static final String DYN_UPDATE = "dns.dyn_update";

    private final Supplier<ProvisionMailboxesUseCase> mailboxes;
    private final Supplier<VerifyMailboxesUseCase> verifying;
    private final Supplier<RecreatePopulationUseCase> recreating;
    private final Supplier<ManageDnsUseCase> dns;
    private final BrowsePopulationsUseCase browse;
    private final ManageCredentialsUseCase credentials;
    private final RunOptions runs;
    private final Jobs jobs;
    private final long maxBody;

    /** The suppliers build their use case per call: building one reads the master key or the DNS settings. */
    ReconcileEndpoints(Supplier<ProvisionMailboxesUseCase> mailboxes, Supplier<VerifyMailboxesUseCase> verifying,
                       Supplier<RecreatePopulationUseCase> recreating, Supplier<ManageDnsUseCase> dns, BrowsePopulationsUseCase browse,
                       ManageCredentialsUseCase credentials, RunOptions runs, Jobs jobs, long maxBody) {
        this.mailboxes = mailboxes;
        this.verifying = verifying;
        this.recreating = recreating;
        this.dns = dns;
        this.browse = browse;
        this.credentials = credentials;
        this.runs = runs;
        this.jobs = jobs;
        this.maxBody = maxBody;
    }

    void register(Routes routes) {
        jobs.register("mailboxes.apply", JobRequests.Reconcile.class,
                (r, job) -> report(mailboxes.get().apply(r.run().command(job.owner, job::progress))));
        jobs.register("mailboxes.teardown", JobRequests.Reconcile.class,
                (r, job) -> report(mailboxes.get().teardown(r.run().command(job.owner, job::progress))));
        jobs.register("recreate", JobRequests.Recreate.class, this::recreate);
        jobs.register(DYN_UPDATE, JobRequests.DynUpdate.class, this::dynUpdateJob);
        routes.post("/api/populations/{id}/mailboxes:plan", Access.Level.READ, this::plan);
        routes.post("/api/populations/{id}/mailboxes:apply", Access.Level.ADMIN, this::apply);
        routes.post("/api/populations/{id}/mailboxes:verify", Access.Level.READ, this::verify);
        routes.post("/api/populations/{id}/mailboxes:teardown", Access.Level.ADMIN, this::teardown);
        routes.post("/api/recreate", Access.Level.ADMIN, this::recreate);
        routes.post("/api/dns:plan", Access.Level.READ, this::dnsPlan);
        routes.post("/api/dns:apply", Access.Level.ADMIN, this::dnsApply);
        routes.post("/api/dns/dyn-update", Access.Level.ADMIN, this::dynUpdate);
    }

    private RequestBody body(Context ctx, String... more) {
        return RequestBody.read(ctx, maxBody, RequestBody.fields(RunOptions.FIELDS, more));
    }

    private void plan(Context ctx) {
        UUID population = PopulationEndpoints.id(ctx);
        RequestBody body = body(ctx, "all");
        ApplyCommand c = runs.command(body, population, Access.principal(ctx).actor());
        Json.send(ctx, 200, plan(mailboxes.get().plan(c.target()), body.bool("all")));
    }

    private void verify(Context ctx) {
        UUID population = PopulationEndpoints.id(ctx);
        ApplyCommand c = runs.command(body(ctx), population, Access.principal(ctx).actor());
        Json.send(ctx, 200, verify(verifying.get().verify(c.target())));
    }

    private void apply(Context ctx) {
        UUID population = PopulationEndpoints.id(ctx);
        ApplyCommand c = runs.command(body(ctx), population, Access.principal(ctx).actor());
        browse.show(population); // 404 now rather than a failed job
        credentials.checkMasterKey(); // and 409 for another key than the database's
        run(ctx, "mailboxes.apply", c);
    }

    private void teardown(Context ctx) {
        UUID population = PopulationEndpoints.id(ctx);
        RequestBody body = body(ctx, "yes");
        ApplyCommand c = runs.command(body, population, Access.principal(ctx).actor());
        if (!body.bool("yes")) {
            MailboxPlan plan = mailboxes.get().teardownPlan(c.target());
            throw ApiProblem.badRequest("yes", "teardown deletes " + plan.changes().size() + " mailboxes and their mail at "
                    + c.target().provider() + "; send \"yes\": true to confirm");
        }
        run(ctx, "mailboxes.teardown", c);
    }

    private void run(Context ctx, String kind, ApplyCommand c) {
        PopulationEndpoints.accepted(ctx, jobs, jobs.submit(kind, c.actor(), "population:" + c.target().population(),
                new JobRequests.Reconcile(JobRequests.Run.of(c))));
    }

    /** Recreates a population from its spec (the body's spec fields) or from the stored one ({@code population}). */
    private void recreate(Context ctx) {
        RequestBody body = RequestBody.read(ctx, maxBody, RequestBody.fields(SpecJson.FIELDS, "population", "provider", "on_conflict",
                "atomic", "concurrency", "no_dns"));
        String actor = Access.principal(ctx).actor();
        SpecInput spec = null;
        UUID population;
        if (body.has("population")) {
            for (String f : SpecJson.FIELDS) {
                if (body.has(f)) throw ApiProblem.badRequest(f, "give either population (a stored one) or the spec fields, not both");
            }
            try {
                population = UUID.fromString(body.text("population"));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("population", "population must be a population id");
            }
            browse.show(population); // 404 now rather than a failed job; the job reads the stored spec as the CLI does
        } else {
            if (!body.has("seed")) throw ApiProblem.badRequest("seed", "recreate needs the population's seed (and its other spec fields)");
            PopulationSpec parsed = PopulationSpec.parse(SpecJson.read(body.object()));
            spec = parsed.toInput();
            population = parsed.populationId();
        }
        if (!body.has("provider")) RunOptions.unused(body, "recreate reconciles the mailboxes", "add \"provider\"");
        ApplyCommand apply = body.has("provider") ? runs.command(body, population, actor, "adopt") : null;
        boolean dns = !body.bool("no_dns");
        credentials.checkMasterKey(); // 409 now rather than a failed job
        PopulationEndpoints.accepted(ctx, jobs, jobs.submit("recreate", actor, "population:" + population,
                new JobRequests.Recreate(spec, spec == null ? population : null, apply == null ? null : JobRequests.Run.of(apply), dns)));
    }

    private ObjectNode recreate(JobRequests.Recreate request, Jobs.Running job) {
        ApplyCommand withProgress = request.run() == null ? null : request.run().command(job.owner, job::progress);
        int threads = Runtime.getRuntime().availableProcessors();
        var made = request.population() != null
                ? recreating.get().recreateStored(request.population(), threads, withProgress, request.dns())
                : recreating.get().recreate(new RecreatePopulationUseCase.RecreateCommand(PopulationSpec.parse(request.spec()), threads,
                        withProgress, request.dns()));
        ObjectNode result = Json.object().put("population", made.populationId().toString()).put("restored", made.restored())
                .put("agents", made.agents());
        if (made.provisioning() != null) result.set("mailboxes", report(made.provisioning()));
        if (made.dns() != null) result.set("dns", applied(made.dns()));
        if (made.dnsFailure() != null) result.set("dns", Json.object().put("failed", Failures.problem(made.dnsFailure()).getMessage()));
        return result;
    }

    private ManageDnsUseCase.Target dnsTarget(RequestBody body) {
        String domain = body.text("domain");
        if (domain == null || !domain.strip().toLowerCase(Locale.ROOT).matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}")) {
            throw ApiProblem.badRequest("domain", "domain must be a domain name, e.g. agents.example.org");
        }
        return new ManageDnsUseCase.Target(domain.strip().toLowerCase(Locale.ROOT), body.list("provider"), body.bool("prune"));
    }

    private void dnsPlan(Context ctx) {
        RequestBody body = RequestBody.read(ctx, maxBody, List.of("domain", "provider", "prune"));
        Json.send(ctx, 200, planned(dns.get().plan(dnsTarget(body))));
    }

    private void dnsApply(Context ctx) {
        RequestBody body = RequestBody.read(ctx, maxBody, List.of("domain", "provider", "prune", "force", "bootstrap"));
        ManageDnsUseCase dns = this.dns.get();
        ManageDnsUseCase.Target target = dnsTarget(body);
        String actor = Access.principal(ctx).actor();
        ManageDnsUseCase.Applied a = body.bool("bootstrap") ? dns.bootstrap(target, body.bool("force"), true, actor)
                : dns.apply(target, body.bool("force"), actor);
        Json.send(ctx, 200, applied(a));
    }

    private void dynUpdate(Context ctx) {
        RequestBody body = RequestBody.read(ctx, maxBody, List.of("domain"));
        Json.send(ctx, 200, addressUpdate(dns.get().updateAddress(dnsTarget(body).domain(),
                Access.principal(ctx).actor())));
    }

    /** The scheduled address update ({@code AZT3KNET_DYN_UPDATE_EVERY}), as a job so that one process runs each round. */
    private ObjectNode dynUpdateJob(JobRequests.DynUpdate request, Jobs.Running job) {
        return addressUpdate(dns.get().updateAddress(request.domain(), job.owner));
    }

    private static ObjectNode addressUpdate(ManageDnsUseCase.AddressUpdate u) {
        ObjectNode o = Json.object().put("host", u.host()).put("written", u.written());
        o.putObject("published").put("ipv4", u.published().ipv4().orElse(null)).put("ipv6", u.published().ipv6().orElse(null));
        o.putObject("detected").put("ipv4", u.detected().ipv4().orElse(null)).put("ipv6", u.detected().ipv6().orElse(null));
        return o;
    }

    static ObjectNode report(ApplyReport r) {
        ObjectNode o = Json.object().put("job", r.jobId()).put("resumed", r.resumed()).put("created", r.created())
                .put("adopted", r.adopted()).put("updated", r.updated()).put("deleted", r.deleted()).put("skipped", r.skipped())
                .put("failed", r.failures().size()).put("compensated", r.compensated()).put("interrupted", r.interrupted())
                .put("writes", r.writes()).put("domain", r.domain()).put("converged", r.converged());
        ArrayNode failures = o.putArray("failures");
        r.failures().stream().limit(100).forEach(f -> failures.addObject().put("agent", f.agentIndex()).put("address", f.address())
                .put("reason", f.reason()).put("transient", f.isTransient()));
        if (r.verify() != null) o.set("verify", verify(r.verify()));
        return o;
    }

    static ObjectNode verify(VerifyReport v) {
        ObjectNode o = Json.object().put("checked", v.checked()).put("present", v.present()).put("unconfirmed", v.unconfirmed())
                .put("ok", v.ok());
        ArrayNode missing = o.putArray("missing");
        v.missing().stream().limit(100).forEach(missing::add);
        ArrayNode mismatched = o.putArray("mismatched");
        v.mismatched().stream().limit(100).forEach(mismatched::add);
        return o;
    }

    private static ObjectNode plan(MailboxPlan plan, boolean all) {
        ObjectNode o = Json.object().put("summary", plan.summary());
        ArrayNode domain = o.putArray("domain");
        plan.domain().forEach(domain::add);
        ArrayNode changes = o.putArray("changes");
        for (MailboxChange c : plan.changes()) {
            if (!all && c.kind() == ChangeKind.KEEP) continue;
            ObjectNode x = changes.addObject().put("action", c.kind().word()).put("agent", c.agentIndex()).put("address", c.address())
                    .put("display_name", c.displayName());
            ArrayNode reasons = x.putArray("reasons");
            c.reasons().forEach(reasons::add);
        }
        return o;
    }

    private static ObjectNode planned(ManageDnsUseCase.Planned p) {
        DnsPlan plan = p.plan();
        ObjectNode o = Json.object().put("domain", plan.domain()).put("dns", p.dns()).put("zone_exists", p.zoneExists())
                .put("mail_host", p.mailHost()).put("created", plan.count(DnsChange.Kind.CREATE))
                .put("updated", plan.count(DnsChange.Kind.UPDATE)).put("deleted", plan.count(DnsChange.Kind.DELETE))
                .put("unchanged", plan.unchanged());
        ArrayNode providers = o.putArray("providers");
        p.providers().forEach(providers::add);
        ArrayNode changes = o.putArray("changes");
        for (DnsChange c : plan.changes()) {
            Rrset shown = c.after() != null ? c.after() : c.before();
            ObjectNode x = changes.addObject().put("action", c.kind().name().toLowerCase(Locale.ROOT)).put("name", shown.fqdn(plan.domain()))
                    .put("type", shown.type()).put("ttl", shown.ttl());
            ArrayNode records = x.putArray("records");
            shown.records().forEach(records::add);
            if (c.kind() == DnsChange.Kind.UPDATE) {
                ArrayNode before = x.putArray("before");
                c.before().records().forEach(before::add);
            }
        }
        ArrayNode warnings = o.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        return o;
    }

    private static ObjectNode applied(ManageDnsUseCase.Applied a) {
        ObjectNode o = planned(a.planned());
        o.put("zone_created", a.zoneCreated()).put("writes", a.writes()).put("verified", a.verified());
        ArrayNode remaining = o.putArray("remaining");
        a.remaining().forEach(remaining::add);
        return o;
    }
}

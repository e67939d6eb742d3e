package net.azt3knet.application;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.domain.mailbox.ChangeKind;
import net.azt3knet.domain.mailbox.DesiredMailbox;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.mailbox.MailboxChange;
import net.azt3knet.domain.mailbox.MailboxOwner;
import net.azt3knet.domain.mailbox.MailboxPlan;
import net.azt3knet.domain.mailbox.MailboxPlanner;
import net.azt3knet.ports.in.MailboxConflictException;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.RotateMailboxPasswordsUseCase;
import net.azt3knet.ports.in.VerifyMailboxesUseCase;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.StoredCredential;

/**
 * The reconcile: reads the population, the provider and the ledger, lets the domain plan, and applies the plan on
 * {@code concurrency} threads. Each create is recorded as pending in the ledger before it is sent, so an interrupted
 * run leaves nothing unknown: the next run adopts what the provider made and creates the rest. Every provider write
 * is audited, with its outcome and never a secret. Apply and password rotation refuse, before any read of the provider
 * or any write, a master key other than the one the stored credentials are sealed under; teardown needs no key.
 */
public final class ProvisionMailboxesService implements ProvisionMailboxesUseCase, VerifyMailboxesUseCase,
        RotateMailboxPasswordsUseCase {

    static final String APPLY = "mailboxes.apply";
    static final String TEARDOWN = "mailboxes.teardown";
    /** A run renews its lease as it progresses; a run that died lets the next one resume after this. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final PopulationStore populations;
    private final CredentialStore credentials;
    private final MasterKeyGuard guard;
    private final CredentialCipher cipher;
    private final MailProviders providers;
    private final MailboxLedger ledger;
    private final JobStore jobs;
    private final AuditTrail audit;
    private final Clock clock;

    public ProvisionMailboxesService(PopulationStore populations, CredentialStore credentials, CredentialCipher cipher,
                                     MailProviders providers, MailboxLedger ledger, JobStore jobs, AuditTrail audit,
                                     Clock clock) {
        this.populations = populations;
        this.credentials = credentials;
        this.guard = new MasterKeyGuard(credentials);
        this.cipher = cipher;
        this.providers = providers;
        this.ledger = ledger;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    /** Everything a plan is computed from. */
    private record State(PopulationRecord population, String domain, MailboxProvisioning provider, List<DesiredMailbox> desired,
                         Map<Long, SealedCredential> sealed, Map<String, ExistingMailbox> existing,
                         Map<String, LedgerMailbox> ledger) {

        boolean passwords() {
            return provider.capabilities().hostsMailboxes();
        }

        String owner() {
            return MailboxOwner.tag(population.id());
        }
    }

    @Override
    public MailboxPlan plan(Target target) {
        State s = read(target, true);
        return MailboxPlanner.converge(s.desired, s.existing, s.ledger, s.owner(), s.passwords())
                .withDomain(s.provider.domainChanges(s.domain));
    }

    @Override
    public MailboxPlan teardownPlan(Target target) {
        State s = read(target, false);
        return MailboxPlanner.teardown(s.ledger, s.existing);
    }

    @Override
    public ApplyReport apply(ApplyCommand command) {
        guard.check(cipher);
        return run(APPLY, command, true);
    }

    @Override
    public ApplyReport teardown(ApplyCommand command) {
        return run(TEARDOWN, command, false);
    }

    @Override
    public ApplyReport rotatePasswords(ApplyCommand command, Set<Long> agents) {
        guard.check(cipher);
        Target target = command.target();
        MailboxProvisioning provider = providers.get(target.provider());
        if (!provider.capabilities().hostsMailboxes()) {
            throw new RejectedCommandException(target.provider() + " holds sender identities, which have no password;"
                    + " rotate-password needs a provider that hosts mailboxes ('azt3knet integrations list')");
        }
        PopulationRecord population = population(target.population());
        List<StoredCredential> current = new ArrayList<>();
        credentials.credentials(population.id(), c -> {
            if (agents.isEmpty() || agents.contains(c.ref().agentIndex())) current.add(c);
        });
        Set<Long> unknown = new java.util.TreeSet<>(agents);
        current.forEach(c -> unknown.remove(c.ref().agentIndex()));
        if (!unknown.isEmpty()) {
            throw new RejectedCommandException("--agent " + unknown + ": no such agent in population " + population.id()
                    + " (it has agents 0-" + (population.agents() - 1) + ")");
        }
        for (StoredCredential c : current) {
            CredentialRef next = new CredentialRef(c.ref().populationId(), c.ref().agentIndex(), c.ref().rotation() + 1);
            credentials.replace(new StoredCredential(next, c.email(), c.username(), cipher.seal(next, cipher.derivePassword(next))),
                    AuditEvent.ok(command.actor(), "credential.rotate", "agent:" + population.id() + "/" + next.agentIndex(),
                            Map.of("rotation", Integer.toString(next.rotation()), "key_id", cipher.keyId())));
        }
        return apply(command);
    }

    @Override
    public VerifyReport verify(Target target) {
        return verify(read(target, true));
    }

    @Override
    public List<LedgerMailbox> list(Target target) {
        population(target.population());
        List<LedgerMailbox> out = new ArrayList<>(ledger.entries(target.population(), target.provider()).values());
        out.sort(java.util.Comparator.comparingLong(LedgerMailbox::agentIndex));
        return out;
    }

    private PopulationRecord population(UUID id) {
        return populations.find(id).orElseThrow(() -> new UnknownPopulationException(id));
    }

    private State read(Target target, boolean withDesired) {
        PopulationRecord population = population(target.population());
        MailboxProvisioning provider = providers.get(target.provider());
        String domain = population.spec().domain();
        List<DesiredMailbox> desired = new ArrayList<>();
        Map<Long, SealedCredential> sealed = new HashMap<>();
        if (withDesired) {
            populations.agents(population.id(), 0, Long.MAX_VALUE, true, a -> {
                String name = CanonicalJson.stringField(a.profileJson(), "display_name");
                desired.add(new DesiredMailbox(a.index(), a.email(), name == null ? a.username() : name, a.rotation()));
                if (a.credential() != null) sealed.put(a.index(), a.credential());
            });
        }
        Map<String, ExistingMailbox> existing = new HashMap<>();
        for (ExistingMailbox e : provider.list(domain)) existing.put(e.address().toLowerCase(Locale.ROOT), e);
        return new State(population, domain, provider, desired, sealed, existing, ledger.entries(population.id(), target.provider()));
    }

    private ApplyReport run(String kind, ApplyCommand command, boolean converge) {
        Target target = command.target();
        String jobTarget = "population:" + target.population() + "/provider:" + target.provider();
        Patience patience = new Patience(command.deadline());
        State s = null;
        List<Failure> unread = List.of();
        try {
            s = patience.read(() -> read(target, converge));
        } catch (MailboxProvisioningException e) {
            if (!e.isTransient()) throw e;
            unread = List.of(stepFailure(population(target.population()).spec().domain(), "reading what the provider holds", e));
        }
        if (s != null) refuseConflicts(kind, command, jobTarget, plan(s, converge));
        JobStore.Job job = jobs.claim(kind, jobTarget, JobStore.Progress.of(0, 0), LEASE);
        JobStore.Progress payload = new JobStore.Progress(0, 0, unread.size(), 0);
        boolean ended = false;
        try {
            Rounds rounds = new Rounds(command, job, converge, patience);
            ApplyReport report = s == null ? rounds.unreadable(unread) : rounds.execute(s);
            payload = new JobStore.Progress(rounds.done, rounds.total, report.failures().size(), report.compensated());
            boolean permanent = report.failures().stream().anyMatch(f -> !f.isTransient());
            if (report.interrupted() || (!permanent && !report.failures().isEmpty())) {
                jobs.progress(job.id(), payload, Duration.ZERO); // resumable at once by the next run
            } else {
                jobs.finish(job.id(), report.failures().isEmpty() ? JobState.DONE : JobState.FAILED, payload);
            }
            ended = true;
            audit.append(new AuditEvent(command.actor(), kind, jobTarget,
                    report.interrupted() ? "interrupted" : report.failures().isEmpty() ? "ok"
                            : report.compensated() > 0 ? "compensated" : "partial",
                    Map.of("job", Long.toString(job.id()), "created", Long.toString(report.created()),
                            "adopted", Long.toString(report.adopted()), "updated", Long.toString(report.updated()),
                            "deleted", Long.toString(report.deleted()), "skipped", Long.toString(report.skipped()),
                            "failures", Integer.toString(report.failures().size()),
                            "compensated", Long.toString(report.compensated()), "domain", Long.toString(report.domain()),
                            "resumed", Boolean.toString(job.resumed()))));
            return report;
        } finally {
            if (!ended) releaseQuietly(job, payload);
        }
    }

    /** On the way out of a run that failed unexpectedly: the next run must not wait for this one's lease. */
    private void releaseQuietly(JobStore.Job job, JobStore.Progress payload) {
        try {
            jobs.progress(job.id(), payload, Duration.ZERO);
        } catch (RuntimeException storeDown) {
            // The failure being thrown says what went wrong; a lease left behind is taken over once this process is gone.
        }
    }

    private MailboxPlan plan(State s, boolean converge) {
        return converge ? MailboxPlanner.converge(s.desired, s.existing, s.ledger, s.owner(), s.passwords())
                : MailboxPlanner.teardown(s.ledger, s.existing);
    }

    private void refuseConflicts(String kind, ApplyCommand command, String jobTarget, MailboxPlan plan) {
        List<MailboxChange> conflicts = plan.of(ChangeKind.CONFLICT);
        if (!conflicts.isEmpty() && command.onConflict() == OnConflict.FAIL) {
            audit.append(new AuditEvent(command.actor(), kind, jobTarget, "refused",
                    Map.of("conflicts", Integer.toString(conflicts.size()))));
            throw new MailboxConflictException(command.target().provider(), conflicts);
        }
    }

    private static Failure stepFailure(String domain, String step, MailboxProvisioningException e) {
        return new Failure(Failure.NO_AGENT, domain, step + ": " + e.getMessage(), e.isTransient());
    }

    /**
     * How long a run keeps going through transient provider faults: until its deadline it waits and tries again —
     * an open circuit breaker for as long as the breaker stays open, anything else with a growing pause.
     */
    private static final class Patience {
        /** A little over ProviderHttp's breaker delay, so the next call finds it half-open and probing. */
        private static final Duration BREAKER = Duration.ofSeconds(11);
        private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
        private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

        private final long deadline;
        private Duration pause = FIRST_PAUSE;
        boolean interrupted;

        Patience(Duration budget) {
            this.deadline = System.nanoTime() + Math.min(budget.toNanos(), Long.MAX_VALUE / 4);
        }

        /**
         * Sleeps before another attempt after {@code reason}; false when the deadline does not leave room for one, or
         * the thread was interrupted.
         */
        boolean pause(MailboxProvisioningException.Reason reason) {
            Duration wait = reason == MailboxProvisioningException.Reason.CIRCUIT_OPEN ? BREAKER : pause;
            long left = deadline - System.nanoTime();
            if (interrupted || left <= 0) return false;
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            try {
                Thread.sleep(Math.min(wait.toMillis(), Math.max(1, left / 1_000_000)));
                return true;
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** A read, repeated through transient failures until the deadline; the last failure when it never succeeds. */
        <T> T read(java.util.function.Supplier<T> read) {
            while (true) {
                try {
                    T value = read.get();
                    pause = FIRST_PAUSE;
                    return value;
                } catch (MailboxProvisioningException e) {
                    if (!e.isTransient() || !pause(e.reason())) throw e;
                }
            }
        }
    }

    /**
     * One apply or teardown to its end: rounds of writes, each planned from a fresh read, until nothing transient is
     * left or the deadline passes; what failed for good is not tried again in a later round.
     */
    private final class Rounds {
        private final ApplyCommand command;
        private final JobStore.Job job;
        private final boolean converge;
        private final Patience patience;
        private final Map<ChangeKind, Long> counts = new java.util.EnumMap<>(ChangeKind.class);
        private final Map<String, Failure> givenUp = new LinkedHashMap<>();
        long done;
        long total;

        Rounds(ApplyCommand command, JobStore.Job job, boolean converge, Patience patience) {
            this.command = command;
            this.job = job;
            this.converge = converge;
            this.patience = patience;
        }

        ApplyReport unreadable(List<Failure> failures) {
            return new ApplyReport(job.id(), job.resumed(), 0, 0, 0, 0, 0, failures, 0, false, null, 0);
        }

        ApplyReport execute(State first) {
            State s = first;
            long skipped = 0;
            long domainWrites = 0;
            boolean domainDone = !converge;
            long compensated = 0;
            boolean interrupted = false;
            List<Failure> open = new ArrayList<>();
            for (int round = 0; ; round++) {
                open.clear();
                if (s == null) {
                    try {
                        s = read(command.target(), converge);
                    } catch (MailboxProvisioningException e) {
                        if (!e.isTransient()) throw e;
                        open.add(stepFailure(first.domain, "reading what the provider holds", e));
                        if (patience.pause(e.reason())) continue;
                        break;
                    }
                }
                List<MailboxChange> work = new ArrayList<>();
                long roundSkipped = 0;
                for (MailboxChange c : plan(s, converge).changes()) {
                    if (givenUp.containsKey(c.address().toLowerCase(Locale.ROOT))) continue;
                    if (c.kind() == ChangeKind.CONFLICT) {
                        if (command.onConflict() == OnConflict.ADOPT) {
                            work.add(new MailboxChange(ChangeKind.ADOPT, c.agentIndex(), c.address(), c.displayName(), c.rotation(),
                                    List.of("taken over (--on-conflict adopt)"), c.existing()));
                        } else if (command.onConflict() == OnConflict.SKIP || round == 0) {
                            roundSkipped++;
                        } else {
                            // Appeared after this run's first read, held by someone else: reported, never touched.
                            givenUp.put(c.address().toLowerCase(Locale.ROOT), new Failure(c.agentIndex(), c.address(),
                                    "held at " + command.target().provider() + " by someone else since this run began", false));
                        }
                    } else if (c.kind().writes()) {
                        work.add(c);
                    }
                }
                if (round == 0) skipped = roundSkipped;
                if (!domainDone) {
                    try {
                        int n = s.provider.ensureDomain(s.domain); // after the conflict check: a refused run writes nothing
                        domainWrites += n;
                        domainDone = true;
                        if (n > 0) {
                            audit.append(new AuditEvent(command.actor(), "mail_domain.ensure", "domain:" + s.domain, "ok",
                                    Map.of("provider", command.target().provider(), "job", Long.toString(job.id()),
                                            "writes", Integer.toString(n))));
                        }
                    } catch (MailboxProvisioningException e) {
                        audit.append(new AuditEvent(command.actor(), "mail_domain.ensure", "domain:" + s.domain, "failed",
                                Map.of("provider", command.target().provider(), "job", Long.toString(job.id()),
                                        "reason", e.reason().name().toLowerCase(Locale.ROOT))));
                        if (!e.isTransient()) {
                            givenUpDomain(s.domain, e);
                            break;
                        }
                        open.add(stepFailure(s.domain, "the domain's settings", e));
                        if (patience.pause(e.reason())) {
                            s = null;
                            continue;
                        }
                        break;
                    }
                }
                Run r = new Run(s, command, job, work);
                r.execute();
                total = Math.max(total, work.size());
                done += r.done.get();
                for (ChangeKind k : ChangeKind.values()) counts.merge(k, r.count(k), Long::sum);
                for (Failure f : r.failures) {
                    if (f.isTransient()) open.add(f);
                    else givenUp.put(f.address().toLowerCase(Locale.ROOT), f);
                }
                MailboxProvisioningException.Reason why = r.breakerOpen ? MailboxProvisioningException.Reason.CIRCUIT_OPEN
                        : MailboxProvisioningException.Reason.SERVER_ERROR;
                boolean permanent = r.failures.stream().anyMatch(f -> !f.isTransient());
                if (command.atomic() && permanent) {
                    compensated = r.compensate();
                    open.addAll(r.failures.stream().filter(f -> f.reason().startsWith("could not be undone")).toList());
                    break;
                }
                if (r.interrupted.get()) {
                    interrupted = true;
                    break;
                }
                if (open.isEmpty() || r.fatal || !patience.pause(why)) break;
                s = null; // the next round plans from what the provider holds now
            }
            interrupted |= patience.interrupted;
            VerifyReport verify = null;
            if (converge && !interrupted) {
                try {
                    verify = verify(patience.read(() -> read(command.target(), true)));
                } catch (MailboxProvisioningException e) {
                    if (!e.isTransient()) throw e;
                    open.add(stepFailure(first.domain, "the read-back (verify)", e));
                    interrupted = patience.interrupted;
                }
            }
            List<Failure> failures = new ArrayList<>(givenUp.values());
            failures.addAll(open);
            failures.sort(java.util.Comparator.comparingLong(Failure::agentIndex));
            return new ApplyReport(job.id(), job.resumed(), count(ChangeKind.CREATE), count(ChangeKind.ADOPT),
                    count(ChangeKind.UPDATE), count(ChangeKind.DELETE), skipped, failures, compensated, interrupted, verify,
                    domainWrites);
        }

        private void givenUpDomain(String domain, MailboxProvisioningException e) {
            givenUp.put("domain:" + domain, stepFailure(domain, "the domain's settings", e));
        }

        private long count(ChangeKind kind) {
            return counts.getOrDefault(kind, 0L);
        }
    }

    private VerifyReport verify(State s) {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        long present = 0;
        long unconfirmed = 0;
        for (DesiredMailbox d : s.desired) {
            String key = d.address().toLowerCase(Locale.ROOT);
            ExistingMailbox e = s.existing.get(key);
            LedgerMailbox l = s.ledger.get(key);
            if (e == null) missing.add(d.address());
            else if (l == null || !LedgerMailbox.ACTIVE.equals(l.status()) || !d.displayName().equals(e.displayName())) {
                mismatched.add(d.address());
            } else {
                present++;
                if ("unconfirmed".equals(e.state())) unconfirmed++;
            }
        }
        return new VerifyReport(s.desired.size(), present, missing, mismatched, unconfirmed);
    }

    /** One apply or teardown in progress: a fixed set of workers drains the list of changes. */
    private final class Run {
        private final State s;
        private final ApplyCommand command;
        private final JobStore.Job job;
        private final List<MailboxChange> work;
        private final AtomicInteger cursor = new AtomicInteger();
        private final AtomicLong done = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicBoolean interrupted = new AtomicBoolean();
        private final Map<ChangeKind, AtomicLong> counts = new LinkedHashMap<>();
        private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        /** A worker found the provider's circuit breaker open: the next round waits for it to half-open. */
        private volatile boolean breakerOpen;
        /** Credentials or permissions were refused: no later round can do better. */
        private volatile boolean fatal;
        private long lastSaved;

        Run(State s, ApplyCommand command, JobStore.Job job, List<MailboxChange> work) {
            this.s = s;
            this.command = command;
            this.job = job;
            this.work = work;
            for (ChangeKind k : ChangeKind.values()) counts.put(k, new AtomicLong());
        }

        long count(ChangeKind kind) {
            return counts.get(kind).get();
        }

        void execute() {
            int threads = Math.min(command.concurrency(), Math.max(1, work.size()));
            List<Thread> workers = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                workers.add(Thread.ofPlatform().name("provision-" + i).daemon().start(this::drain));
            }
            for (Thread t : workers) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        // Stop taking new changes; the ones in flight finish, so none is left half-recorded.
                        interrupted.set(true);
                        stop.set(true);
                    }
                }
            }
            if (interrupted.get()) Thread.currentThread().interrupt();
        }

        private void drain() {
            int i;
            while (!stop.get() && (i = cursor.getAndIncrement()) < work.size()) {
                MailboxChange c = work.get(i);
                try {
                    apply(c);
                    counts.get(c.kind()).incrementAndGet();
                } catch (MailboxProvisioningException e) {
                    failures.add(new Failure(c.agentIndex(), c.address(), e.getMessage(), e.isTransient()));
                    if (e.reason() == MailboxProvisioningException.Reason.CIRCUIT_OPEN) breakerOpen = true;
                    if (e.reason() == MailboxProvisioningException.Reason.UNAUTHORIZED
                            || e.reason() == MailboxProvisioningException.Reason.FORBIDDEN) fatal = true;
                    if (breakerOpen || fatal || (command.atomic() && !e.isTransient())) {
                        stop.set(true); // every further call would fail the same way, or the run is being undone
                    }
                }
                long n = done.incrementAndGet();
                command.progress().update(n, work.size());
                saveProgress(n);
            }
        }

        private synchronized void saveProgress(long n) {
            long now = clock.millis();
            if (now - lastSaved < 2_000 && n < work.size()) return;
            lastSaved = now;
            jobs.progress(job.id(), JobStore.Progress.of(n, work.size()), LEASE);
        }

        private void apply(MailboxChange c) {
            UUID population = s.population.id();
            String provider = command.target().provider();
            switch (c.kind()) {
                case CREATE -> {
                    ledger.pending(population, provider, c.agentIndex(), c.address(), job.id());
                    Secret password = s.passwords() ? password(c) : null;
                    Secret app = s.passwords() ? appPassword(c) : null;
                    ExistingMailbox made;
                    try {
                        made = call("mailbox.create", c, Map.of(),
                                () -> s.provider.create(new NewMailbox(c.address(), c.displayName(), password, app, s.owner())));
                    } catch (MailboxProvisioningException e) {
                        if (e.reason() == MailboxProvisioningException.Reason.ALREADY_EXISTS) {
                            Optional<ExistingMailbox> there = s.provider.find(c.address());
                            if (there.isPresent()) {
                                finishAmbiguousCreate(c, there.get());
                                return;
                            }
                        }
                        // A refused create made nothing; only an unknown outcome stays pending for the next run to settle.
                        if (!e.isTransient()) ledger.forget(population, provider, c.agentIndex());
                        throw e;
                    }
                    ledger.active(population, provider, c.agentIndex(), c.address(), made.reference(),
                            s.passwords() ? c.rotation() : -1);
                }
                case ADOPT, UPDATE -> {
                    boolean pw = s.passwords() && c.setsPassword();
                    boolean name = c.setsDisplayName() || (c.kind() == ChangeKind.ADOPT && !c.displayName().equals(c.existing().displayName()));
                    if (pw || name) {
                        MailboxUpdate update = new MailboxUpdate(name ? c.displayName() : null, pw ? password(c) : null,
                                pw ? appPassword(c) : null);
                        call(c.kind() == ChangeKind.ADOPT ? "mailbox.adopt" : "mailbox.update", c,
                                Map.of("display_name", Boolean.toString(name),
                                        "credential_rotation", pw ? Integer.toString(c.rotation()) : "unchanged"), () -> {
                                    s.provider.update(c.existing(), update);
                                    return c.existing();
                                });
                    } else {
                        audit.append(event("mailbox.adopt", c, "ok", Map.of("provider_calls", "0")));
                    }
                    LedgerMailbox before = s.ledger.get(c.address().toLowerCase(Locale.ROOT));
                    int rotation = !s.passwords() ? -1 : pw ? c.rotation() : before == null ? -1 : before.appliedRotation();
                    ledger.active(population, provider, c.agentIndex(), c.address(), c.existing().reference(), rotation);
                }
                case DELETE -> {
                    ExistingMailbox target = c.existing() != null ? c.existing()
                            : new ExistingMailbox(c.address(), "", reference(c), null, "gone");
                    call("mailbox.delete", c, Map.of(), () -> {
                        s.provider.delete(target);
                        return target;
                    });
                    ledger.forget(population, provider, c.agentIndex());
                }
                default -> throw new IllegalStateException("not a write: " + c.kind());
            }
        }

        /**
         * The address was free when this run read the provider and the ledger records this run creating it, so what
         * holds it now is the create whose answer was lost (a timeout, a reset, a 5xx after the body was sent) that a
         * retry then found: ours. It gets this run's name and password, as a create would have set them.
         */
        private void finishAmbiguousCreate(MailboxChange c, ExistingMailbox there) {
            boolean name = !c.displayName().equals(there.displayName());
            if (s.passwords() || name) {
                MailboxUpdate update = new MailboxUpdate(name ? c.displayName() : null, s.passwords() ? password(c) : null,
                        s.passwords() ? appPassword(c) : null);
                call("mailbox.adopt", c, Map.of("after", "a create whose outcome was unknown"), () -> {
                    s.provider.update(there, update);
                    return there;
                });
            } else {
                audit.append(event("mailbox.adopt", c, "ok", Map.of("after", "a create whose outcome was unknown",
                        "provider_calls", "0")));
            }
            ledger.active(s.population.id(), command.target().provider(), c.agentIndex(), c.address(), there.reference(),
                    s.passwords() ? c.rotation() : -1);
        }

        private String reference(MailboxChange c) {
            LedgerMailbox l = s.ledger.get(c.address().toLowerCase(Locale.ROOT));
            return l != null && l.reference() != null ? l.reference() : c.address();
        }

        /** Derived from the mailbox password, not stored: it follows that password's rotations. */
        private Secret appPassword(MailboxChange c) {
            return cipher.deriveAppPassword(password(c));
        }

        private Secret password(MailboxChange c) {
            SealedCredential sealed = s.sealed.get(c.agentIndex());
            if (sealed == null) {
                throw new MailboxProvisioningException(MailboxProvisioningException.Reason.REJECTED,
                        "agent " + c.agentIndex() + " has no stored credential");
            }
            return cipher.open(new CredentialRef(s.population.id(), c.agentIndex(), c.rotation()), sealed);
        }

        /** Makes one provider write and audits it, success or failure. */
        private <T> T call(String action, MailboxChange c, Map<String, String> details,
                           java.util.function.Supplier<T> write) {
            try {
                T result = write.get();
                audit.append(event(action, c, "ok", details));
                return result;
            } catch (MailboxProvisioningException e) {
                Map<String, String> more = new HashMap<>(details);
                more.put("reason", e.reason().name().toLowerCase(Locale.ROOT));
                audit.append(event(action, c, "failed", more));
                throw e;
            }
        }

        private AuditEvent event(String action, MailboxChange c, String outcome, Map<String, String> details) {
            Map<String, String> all = new HashMap<>(details);
            all.put("provider", command.target().provider());
            all.put("agent", Long.toString(c.agentIndex()));
            all.put("job", Long.toString(job.id()));
            return new AuditEvent(command.actor(), action, "mailbox:" + c.address(), outcome, all);
        }

        /** Removes, at the provider and from the ledger, every mailbox this job created. */
        long compensate() {
            long undone = 0;
            for (LedgerMailbox l : ledger.createdBy(s.population.id(), command.target().provider(), job.id())) {
                MailboxChange c = new MailboxChange(ChangeKind.DELETE, l.agentIndex(), l.address(), "", 0, List.of(), null);
                ExistingMailbox target = new ExistingMailbox(l.address(), "", l.reference() != null ? l.reference() : l.address(), null, "created");
                try {
                    call("mailbox.compensate", c, Map.of(), () -> {
                        s.provider.delete(target);
                        return target;
                    });
                    ledger.forget(s.population.id(), command.target().provider(), l.agentIndex());
                    undone++;
                } catch (MailboxProvisioningException e) {
                    failures.add(new Failure(l.agentIndex(), l.address(), "could not be undone: " + e.getMessage(), e.isTransient()));
                }
            }
            return undone;
        }
    }
}

package net.azt3knet.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.mailbox.ChangeKind;
import net.azt3knet.domain.mailbox.MailboxChange;
import net.azt3knet.domain.mailbox.MailboxPlan;
import net.azt3knet.ports.in.MailboxConflictException;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Failure;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.VerifyReport;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.MailboxLedger;

/**
 * Runs an apply or a teardown to its end under a job lease: reads the state, refuses conflicts before any write,
 * then rounds of {@link MailboxWrites}, each planned from a fresh read, through transient faults until the deadline;
 * an apply ends with a read-back. The run's outcome is audited and its progress kept in the job table.
 */
final class MailboxApplyEngine {

    /** The job kinds, one unfinished job of each per population and provider. */
    static final String APPLY = "mailboxes.apply";
    static final String TEARDOWN = "mailboxes.teardown";

    private final MailboxStateReader reader;
    private final CredentialCipher cipher;
    private final MailboxLedger ledger;
    private final JobStore jobs;
    private final AuditTrail audit;
    private final Clock clock;

    MailboxApplyEngine(MailboxStateReader reader, CredentialCipher cipher, MailboxLedger ledger, JobStore jobs,
                       AuditTrail audit, Clock clock) {
        this.reader = reader;
        this.cipher = cipher;
        this.ledger = ledger;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    /** The outcome the audit trail records for a run, as its {@link #word()}. */
    private enum Outcome {
        OK, PARTIAL, COMPENSATED, INTERRUPTED, REFUSED;

        static Outcome of(ApplyReport report) {
            return report.interrupted() ? INTERRUPTED : report.failures().isEmpty() ? OK
                    : report.compensated() > 0 ? COMPENSATED : PARTIAL;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An apply ({@code converge}) or a teardown, to its end. */
    ApplyReport run(String kind, ApplyCommand command, boolean converge) {
        Target target = command.target();
        String jobTarget = "population:" + target.population() + "/provider:" + target.provider();
        Patience patience = new Patience(command.deadline());
        MailboxState s = null;
        List<Failure> unread = List.of();
        try {
            s = patience.read(() -> reader.read(target, converge));
        } catch (MailboxProvisioningException e) {
            if (!e.isTransient()) throw e;
            unread = List.of(stepFailure(reader.population(target.population()).spec().domain(), "reading what the provider holds", e));
        }
        if (s != null) refuseConflicts(kind, command, jobTarget, s.plan(converge));
        MailboxJob job = MailboxJob.claim(jobs, kind, jobTarget);
        JobStore.Progress payload = new JobStore.Progress(0, 0, unread.size(), 0);
        boolean ended = false;
        try {
            Rounds rounds = new Rounds(command, job, converge, patience);
            ApplyReport report = s == null ? rounds.unreadable(unread) : rounds.execute(s);
            payload = new JobStore.Progress(rounds.done, rounds.total, report.failures().size(), report.compensated());
            boolean permanent = report.failures().stream().anyMatch(f -> !f.isTransient());
            if (report.interrupted() || (!permanent && !report.failures().isEmpty())) {
                job.release(payload); // resumable at once by the next run
            } else {
                job.finish(report.failures().isEmpty() ? JobState.DONE : JobState.FAILED, payload);
            }
            ended = true;
            audit.append(new AuditEvent(command.actor(), kind, jobTarget, Outcome.of(report).word(),
                    Map.of("job", Long.toString(job.id()), "created", Long.toString(report.created()),
                            "adopted", Long.toString(report.adopted()), "updated", Long.toString(report.updated()),
                            "deleted", Long.toString(report.deleted()), "skipped", Long.toString(report.skipped()),
                            "failures", Integer.toString(report.failures().size()),
                            "compensated", Long.toString(report.compensated()), "domain", Long.toString(report.domain()),
                            "resumed", Boolean.toString(job.resumed()))));
            return report;
        } finally {
            if (!ended) job.releaseQuietly(payload);
        }
    }

    private void refuseConflicts(String kind, ApplyCommand command, String jobTarget, MailboxPlan plan) {
        List<MailboxChange> conflicts = plan.of(ChangeKind.CONFLICT);
        if (!conflicts.isEmpty() && command.onConflict() == OnConflict.FAIL) {
            audit.append(new AuditEvent(command.actor(), kind, jobTarget, Outcome.REFUSED.word(),
                    Map.of("conflicts", Integer.toString(conflicts.size()))));
            throw new MailboxConflictException(command.target().provider(), conflicts);
        }
    }

    private static Failure stepFailure(String domain, String step, MailboxProvisioningException e) {
        return new Failure(Failure.NO_AGENT, domain, step + ": " + e.getMessage(), e.isTransient());
    }

    /**
     * One apply or teardown to its end: rounds of writes, each planned from a fresh read, until nothing transient is
     * left or the deadline passes; what failed for good is not tried again in a later round.
     */
    private final class Rounds {
        private final ApplyCommand command;
        private final MailboxJob job;
        private final boolean converge;
        private final Patience patience;
        private final Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
        private final Map<String, Failure> givenUp = new LinkedHashMap<>();
        long done;
        long total;

        Rounds(ApplyCommand command, MailboxJob job, boolean converge, Patience patience) {
            this.command = command;
            this.job = job;
            this.converge = converge;
            this.patience = patience;
        }

        ApplyReport unreadable(List<Failure> failures) {
            return new ApplyReport(job.id(), job.resumed(), 0, 0, 0, 0, 0, failures, 0, false, null, 0);
        }

        ApplyReport execute(MailboxState first) {
            MailboxState s = first;
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
                        s = reader.read(command.target(), converge);
                    } catch (MailboxProvisioningException e) {
                        if (!e.isTransient()) throw e;
                        open.add(stepFailure(first.domain(), "reading what the provider holds", e));
                        if (patience.pause(e.reason())) continue;
                        break;
                    }
                }
                List<MailboxChange> work = new ArrayList<>();
                long roundSkipped = 0;
                for (MailboxChange c : s.plan(converge).changes()) {
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
                        int n = s.provider().ensureDomain(s.domain()); // after the conflict check: a refused run writes nothing
                        domainWrites += n;
                        domainDone = true;
                        if (n > 0) {
                            audit.append(new AuditEvent(command.actor(), "mail_domain.ensure", "domain:" + s.domain(), "ok",
                                    Map.of("provider", command.target().provider(), "job", Long.toString(job.id()),
                                            "writes", Integer.toString(n))));
                        }
                    } catch (MailboxProvisioningException e) {
                        audit.append(new AuditEvent(command.actor(), "mail_domain.ensure", "domain:" + s.domain(), "failed",
                                Map.of("provider", command.target().provider(), "job", Long.toString(job.id()),
                                        "reason", e.reason().name().toLowerCase(Locale.ROOT))));
                        if (!e.isTransient()) {
                            givenUpDomain(s.domain(), e);
                            break;
                        }
                        open.add(stepFailure(s.domain(), "the domain's settings", e));
                        if (patience.pause(e.reason())) {
                            s = null;
                            continue;
                        }
                        break;
                    }
                }
                MailboxWrites r = new MailboxWrites(s, command, job, work, cipher, ledger, audit, clock);
                r.execute();
                total = Math.max(total, work.size());
                done += r.done();
                for (ChangeKind k : ChangeKind.values()) counts.merge(k, r.count(k), Long::sum);
                for (Failure f : r.failures()) {
                    if (f.isTransient()) open.add(f);
                    else givenUp.put(f.address().toLowerCase(Locale.ROOT), f);
                }
                MailboxProvisioningException.Reason why = r.breakerOpen() ? MailboxProvisioningException.Reason.CIRCUIT_OPEN
                        : MailboxProvisioningException.Reason.SERVER_ERROR;
                boolean permanent = r.failures().stream().anyMatch(f -> !f.isTransient());
                if (command.atomic() && permanent) {
                    compensated = r.compensate();
                    open.addAll(r.failures().stream().filter(f -> f.reason().startsWith("could not be undone")).toList());
                    break;
                }
                if (r.interrupted()) {
                    interrupted = true;
                    break;
                }
                if (open.isEmpty() || r.fatal() || !patience.pause(why)) break;
                s = null; // the next round plans from what the provider holds now
            }
            interrupted |= patience.interrupted;
            VerifyReport verify = null;
            if (converge && !interrupted) {
                try {
                    verify = patience.read(() -> reader.read(command.target(), true)).verify();
                } catch (MailboxProvisioningException e) {
                    if (!e.isTransient()) throw e;
                    open.add(stepFailure(first.domain(), "the read-back (verify)", e));
                    interrupted = patience.interrupted;
                }
            }
            List<Failure> failures = new ArrayList<>(givenUp.values());
            failures.addAll(open);
            failures.sort(Comparator.comparingLong(Failure::agentIndex));
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
}

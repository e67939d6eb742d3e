package net.azt3knet.ports.in;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.mailbox.MailboxPlan;

/**
 * Driving port: give a stored population's agents mail identities on a provider, as a reconcile — plan, apply,
 * verify — that can be repeated, resumed after an interruption and undone.
 */
public interface ProvisionMailboxesUseCase {

    /** What to do with an address the provider holds that is not this population's. */
    enum OnConflict {
        /** Refuse the whole run, listing every conflict, before any write. */
        FAIL,
        /** Leave those addresses alone and provision the rest. */
        SKIP,
        /** Take them over: record them as ours and set their password and name. */
        ADOPT
    }

    /** Told how many changes are done out of how many (from the applying threads). */
    @FunctionalInterface
    interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> { };
    }

    /**
     * A population at a provider.
     *
     * @param population the stored population
     * @param provider   the provider's name ({@code local}, {@code mailcow}, {@code mailjet}, {@code cakemail})
     */
    record Target(UUID population, String provider) {
        public Target {
            Objects.requireNonNull(population, "population");
            Objects.requireNonNull(provider, "provider");
        }
    }

    /**
     * How to apply.
     *
     * @param target      population and provider
     * @param onConflict  what to do with addresses held by someone else
     * @param atomic      when true, a permanent failure undoes what this run created
     * @param concurrency most provider calls in flight, 1 … {@value #MAX_CONCURRENCY}
     * @param actor       who asks, for the audit trail
     * @param progress    told as changes complete
     * @param deadline    how long the run keeps going through transient provider faults (waiting out an open circuit
     *                    breaker, retrying what timed out) before it reports what is left
     */
    record ApplyCommand(Target target, OnConflict onConflict, boolean atomic, int concurrency, String actor,
                        Progress progress, Duration deadline) {

        public static final int MAX_CONCURRENCY = 64;
        /** Long enough to outlast a provider's bad minutes, short enough that a dead provider is reported the same day. */
        public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

        public ApplyCommand {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(onConflict, "onConflict");
            Objects.requireNonNull(actor, "actor");
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new RejectedCommandException("--concurrency must be 1-" + MAX_CONCURRENCY + ", was " + concurrency);
            }
            progress = progress == null ? Progress.NONE : progress;
            deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
            if (deadline.isNegative()) throw new RejectedCommandException("--deadline must not be negative, was " + deadline);
        }

        /** With the {@link #DEFAULT_DEADLINE}. */
        public ApplyCommand(Target target, OnConflict onConflict, boolean atomic, int concurrency, String actor, Progress progress) {
            this(target, onConflict, atomic, concurrency, actor, progress, DEFAULT_DEADLINE);
        }

        /** The same run, telling {@code to} as changes complete. */
        public ApplyCommand withProgress(Progress to) {
            return new ApplyCommand(target, onConflict, atomic, concurrency, actor, to, deadline);
        }
    }

    /**
     * One mailbox whose change failed, or (agent {@value #NO_AGENT}) a step of the run itself: the provider's domain
     * settings, the read-back.
     */
    record Failure(long agentIndex, String address, String reason, boolean isTransient) {
        public static final long NO_AGENT = -1;
    }

    /**
     * What an apply (or teardown) did.
     *
     * @param jobId       the job that records it
     * @param resumed     true when it continued an interrupted run
     * @param created     mailboxes created
     * @param adopted     existing mailboxes recorded as ours
     * @param updated     mailboxes whose name or password was set
     * @param deleted     mailboxes removed
     * @param skipped     conflicts left alone
     * @param failures    changes that failed
     * @param compensated mailboxes this run created and then removed again ({@code --atomic})
     * @param interrupted true when the run stopped before its end; running it again resumes
     * @param verify      the read-back after the writes, or null when the run stopped early
     * @param domain      domain-level settings written at the provider (0 when they were already as desired)
     */
    record ApplyReport(long jobId, boolean resumed, long created, long adopted, long updated, long deleted, long skipped,
                       List<Failure> failures, long compensated, boolean interrupted, VerifyReport verify, long domain) {

        public ApplyReport {
            failures = List.copyOf(failures);
        }

        /** Provider write calls this run made (compensation and domain settings included). */
        public long writes() {
            return created + adopted + updated + deleted + compensated + domain;
        }

        /** True when every desired mailbox is in place and verified. */
        public boolean converged() {
            return failures.isEmpty() && !interrupted && compensated == 0 && verify != null && verify.ok();
        }
    }

    /**
     * The read-back of a population at a provider.
     *
     * @param checked    agents checked
     * @param present    agents whose mailbox the provider holds as desired
     * @param missing    addresses the provider does not hold
     * @param mismatched addresses the provider holds with another display name, or not as ours
     * @param unconfirmed of the present, the sender identities the provider holds as unconfirmed: they cannot send
     *                    until their confirmation link is followed or their domain is validated (not a failure)
     */
    record VerifyReport(long checked, long present, List<String> missing, List<String> mismatched, long unconfirmed) {

        public VerifyReport {
            missing = List.copyOf(missing);
            mismatched = List.copyOf(mismatched);
        }

        public boolean ok() {
            return missing.isEmpty() && mismatched.isEmpty();
        }
    }

    /** The changes an apply would make; nothing is written. */
    MailboxPlan plan(Target target);

    /** The changes a teardown would make; nothing is written. */
    MailboxPlan teardownPlan(Target target);

    /**
     * Applies the plan, then verifies.
     *
     * @throws MailboxConflictException with every conflict, before any write, when {@code onConflict} is FAIL
     * @throws net.azt3knet.ports.out.store.JobStore.JobBusyException when another run is applying to the same target
     */
    ApplyReport apply(ApplyCommand command);

    /** Removes every mailbox the ledger records for the population at the provider; nothing else is touched. */
    ApplyReport teardown(ApplyCommand command);

    /** What the ledger records for the population at the provider, in agent order. */
    List<LedgerMailbox> list(Target target);
}

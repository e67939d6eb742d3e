package net.azt3knet.app.http;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import net.azt3knet.domain.enrichment.EnrichableField;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.ports.in.EnrichmentOptions;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Progress;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;

/**
 * The stored requests of the API's jobs: what a process needs to run a job another process accepted. Checked when the
 * request arrives; plain values only, so any build that knows the kind can read them back.
 */
final class JobRequests {

    private JobRequests() {
    }

    /** How a reconcile runs: the command without its actor and progress, which belong to the run. */
    record Run(UUID population, String provider, OnConflict onConflict, boolean atomic, int concurrency, Long deadlineSeconds) {
        static Run of(ApplyCommand c) {
            return new Run(c.target().population(), c.target().provider(), c.onConflict(), c.atomic(), c.concurrency(),
                    c.deadline().toSeconds());
        }

        /** The run; a request stored by an older build (no deadline) gets the default one. */
        ApplyCommand command(String actor, Progress progress) {
            return new ApplyCommand(new Target(population, provider), onConflict, atomic, concurrency, actor, progress,
                    deadlineSeconds == null ? null : java.time.Duration.ofSeconds(deadlineSeconds));
        }
    }

    /** Enrichment without its actor and progress. */
    record Enrichment(List<EnrichableField> fields, String model, EnrichmentOptions.Mode mode, EnrichmentOptions.Fallback fallback,
                      int concurrency) {
        static Enrichment of(EnrichmentOptions o) {
            return o == null ? null : new Enrichment(List.copyOf(o.orderedFields()), o.model(), o.mode(), o.fallback(), o.concurrency());
        }

        EnrichmentOptions options(String actor) {
            return new EnrichmentOptions(EnumSet.copyOf(fields), model, mode, fallback, concurrency, actor, null);
        }

        /** The same enrichment from the replay cache only: what a run of these options stored there, read back. */
        EnrichmentOptions replayed(String actor) {
            return new EnrichmentOptions(EnumSet.copyOf(fields), model, EnrichmentOptions.Mode.REPLAY, fallback, concurrency, actor, null);
        }
    }

    /** {@code populate.preview}: the first {@code limit} agents of the spec, written to the job's result file. */
    record Preview(SpecInput spec, long limit, Enrichment enrichment) {
    }

    /** {@code populate.persist} and {@code populate.create_mailboxes}: store the population, then provision it ({@code run}). */
    record Persist(SpecInput spec, Enrichment enrichment, Run run) {
    }

    /** {@code mailboxes.apply} and {@code mailboxes.teardown}. */
    record Reconcile(Run run) {
    }

    /**
     * {@code recreate}: restore the population from its spec, or from the spec stored with {@code population} (then
     * {@code spec} is null), reconcile its mailboxes ({@code run}) and DNS. A request stored before {@code population}
     * existed reads with it null.
     */
    record Recreate(SpecInput spec, UUID population, Run run, boolean dns) {
    }

    /** {@code dns.dyn_update}: the mail host's address records, as {@code dns dyn-update --once}. */
    record DynUpdate(String domain) {
    }
}

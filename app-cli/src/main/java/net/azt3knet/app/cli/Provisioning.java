package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import net.azt3knet.domain.mailbox.MailboxChange;
import net.azt3knet.domain.mailbox.MailboxPlan;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Failure;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Progress;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.VerifyReport;

/** How every provisioning command shows plans, progress and reports; shared by mailboxes, populate and recreate. */
final class Provisioning {

    /** Exit code when a run ended without converging: conflicts skipped, failures, an interruption. Run it again. */
    static final int INCOMPLETE = 4;

    private Provisioning() {
    }

    /** A progress bar on stderr (only on a terminal), sized by the first report. */
    static Progress progress(PrintStream err) {
        AtomicReference<net.azt3knet.app.cli.Progress> bar = new AtomicReference<>();
        long[] shown = {0};
        return (done, total) -> {
            synchronized (shown) {
                if (bar.get() == null) bar.set(new net.azt3knet.app.cli.Progress(err, Terminal.stderrIsTerminal(), Math.max(total, 1)));
                bar.get().advance((int) (done - shown[0]));
                shown[0] = done;
            }
        };
    }

    /** The plan as a listing (machine formats) or, for a table, like {@code terraform plan}. */
    static void writePlan(MailboxPlan plan, ListingFormat format, boolean all, OutputStream out) throws IOException {
        if (format == ListingFormat.TABLE) {
            StringBuilder b = new StringBuilder();
            for (MailboxChange c : plan.changes()) {
                if (!all && c.kind() == net.azt3knet.domain.mailbox.ChangeKind.KEEP) continue;
                b.append("  ").append(c.kind().sign()).append(' ').append(String.format(Locale.ROOT, "%-8s", c.kind().word()))
                        .append(' ').append(c.address()).append("  (agent ").append(c.agentIndex())
                        .append(c.reasons().isEmpty() ? "" : ": " + String.join(", ", c.reasons())).append(")\n");
            }
            for (String d : plan.domain()) b.append("  ~ domain   ").append(d).append('\n');
            b.append("Plan: ").append(plan.summary()).append(".\n");
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        Listing listing = new Listing("action", "agent", "address", "display_name", "reasons");
        for (MailboxChange c : plan.changes()) {
            if (!all && c.kind() == net.azt3knet.domain.mailbox.ChangeKind.KEEP) continue;
            listing.row(c.kind().word(), c.agentIndex(), c.address(), c.displayName(), String.join("; ", c.reasons()));
        }
        for (String d : plan.domain()) listing.row("domain", null, null, null, d);
        listing.write(out, format);
    }

    /** The report on stderr (for people) and its summary as one JSON object on stdout (for scripts); the exit code. */
    static int report(String what, ApplyReport r, PrintStream err, OutputStream out) throws IOException {
        err.printf("%s: %d created, %d adopted, %d updated, %d deleted, %d conflicts skipped, %d failed%s (job %d%s)%n", what,
                r.created(), r.adopted(), r.updated(), r.deleted(), r.skipped(), r.failures().size(),
                r.compensated() > 0 ? ", " + r.compensated() + " undone (--atomic)" : "", r.jobId(), r.resumed() ? ", resumed" : "");
        int shown = 0;
        for (Failure f : r.failures()) {
            if (shown++ == 20) {
                err.println("  … and " + (r.failures().size() - 20) + " more (see 'azt3knet audit list --action mailbox.create')");
                break;
            }
            err.println(f.agentIndex() == Failure.NO_AGENT ? "  failed  " + f.reason() + " (" + f.address() + ")"
                    : "  failed  " + f.address() + " (agent " + f.agentIndex() + "): " + f.reason());
        }
        if (r.interrupted()) err.println("interrupted: run the same command again to resume job " + r.jobId());
        VerifyReport v = r.verify();
        if (v != null) verifyLines(v, err);
        String json = "{\"job\":" + r.jobId() + ",\"resumed\":" + r.resumed() + ",\"created\":" + r.created() + ",\"adopted\":"
                + r.adopted() + ",\"updated\":" + r.updated() + ",\"deleted\":" + r.deleted() + ",\"skipped\":" + r.skipped()
                + ",\"failed\":" + r.failures().size() + ",\"compensated\":" + r.compensated() + ",\"interrupted\":" + r.interrupted()
                + ",\"writes\":" + r.writes() + ",\"domain\":" + r.domain() + (v == null ? "" : ",\"verified\":" + v.present() + ",\"missing\":" + v.missing().size()
                + ",\"mismatched\":" + v.mismatched().size() + ",\"unconfirmed\":" + v.unconfirmed()) + "}\n";
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.flush();
        boolean teardownDone = v == null && !r.interrupted() && r.failures().isEmpty();
        return r.converged() || teardownDone ? Errors.OK : INCOMPLETE;
    }

    /**
     * Runs a reconcile so that SIGINT or SIGTERM stops it the way an interruption does: the changes in flight finish,
     * the ledger and job record where it stopped, its lease is released, and only then does the process exit.
     */
    static <T> T untilSignalled(java.util.function.Supplier<T> run) {
        Thread worker = Thread.currentThread();
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(30, java.util.concurrent.TimeUnit.SECONDS); // a provider call in flight ends by its timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "azt3knet-stop-reconcile");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.get();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has just been told the run is over
            }
        }
    }

    static void verifyLines(VerifyReport v, PrintStream err) {
        err.printf("verify: %d of %d in place%s%n", v.present(), v.checked(),
                v.ok() ? "" : ", " + v.missing().size() + " missing, " + v.mismatched().size() + " not as desired");
        if (v.unconfirmed() > 0) {
            err.println("  " + v.unconfirmed() + " sender identities await confirmation: each can send once its confirmation link"
                    + " is followed or its domain is validated (docs/providers.md)");
        }
        v.missing().stream().limit(20).forEach(a -> err.println("  missing     " + a));
        v.mismatched().stream().limit(20).forEach(a -> err.println("  mismatched  " + a));
    }
}

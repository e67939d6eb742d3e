package net.azt3knet.app.cli;

import java.io.PrintStream;

/** A one-line progress report on stderr, redrawn at most four times a second; silent unless stderr is a terminal. */
final class Progress {

    private static final long INTERVAL_NANOS = 250_000_000L;
    private final PrintStream err;
    private final boolean enabled;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private java.util.function.Supplier<String> detail = () -> "";

    Progress(PrintStream err, boolean enabled, long total) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
    }

    /** More to show after the counts, e.g. the replay cache's hit rate. */
    void detail(java.util.function.Supplier<String> more) {
        this.detail = () -> "  " + more.get();
    }

    synchronized void advance(int agents) {
        done += agents;
        redraw();
    }

    /** Redraws with the current counts (from any thread), e.g. as enrichment answers arrive within a chunk. */
    synchronized void redraw() {
        if (!enabled) return;
        long now = System.nanoTime();
        if (now - lastDraw < INTERVAL_NANOS) return;
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        err.printf("\r  %,d / %,d agents (%d%%)  %,.0f/s%s ", done, total, done * 100 / total, done / Math.max(seconds, 1e-3),
                detail.get());
        err.flush();
    }

    /** Clears the line and, on a terminal, says what was done. */
    synchronized void finish(String summary) {
        if (!enabled) return;
        err.print("\r\033[2K");
        err.printf("%s in %.1f s%n", summary, (System.nanoTime() - start) / 1e9);
        err.flush();
    }
}

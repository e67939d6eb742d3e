package net.azt3knet.ports.out.store;

import java.util.Locale;

/** Where a job in the job table stands; stored as its {@link #word()}. */
public enum JobState {
    /** Waiting for a worker. */
    QUEUED,
    /** Being worked on, or interrupted (lease expired): resumable. */
    RUNNING,
    /** Ran to its end; terminal. */
    DONE,
    /** Stopped on a permanent failure; terminal. */
    FAILED,
    /** Cancelled by a caller; terminal. */
    CANCELLED;

    /** True when the job will not run again. */
    public boolean terminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /** The stored form, lower case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state stored as {@code word}. */
    public static JobState of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}

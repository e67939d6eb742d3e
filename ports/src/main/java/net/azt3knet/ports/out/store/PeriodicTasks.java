package net.azt3knet.ports.out.store;

import java.time.Duration;

/** Driven port: periodic work that runs once per period across every process on the database. */
public interface PeriodicTasks {

    /**
     * True for exactly one caller per period of {@code every}: the caller that finds {@code task} due takes this round
     * (the next one is due {@code every} later) and runs it; every other caller, here or in another process, gets false.
     */
    boolean claimRound(String task, Duration every);
}

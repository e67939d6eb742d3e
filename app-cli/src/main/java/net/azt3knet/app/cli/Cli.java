package net.azt3knet.app.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every command works with: its streams, the environment and the working directory (given, not read from
 * the process, so tests run commands in-process with their own).
 */
record Cli(OutputStream out, PrintStream err, Map<String, String> env, Path workingDir) {

    /** Who acts, for the audit trail: {@code cli:<login>}. */
    String actor() {
        return "cli:" + env.getOrDefault("USER", System.getProperty("user.name", "unknown"));
    }
}

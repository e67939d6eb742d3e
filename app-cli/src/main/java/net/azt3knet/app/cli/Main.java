package net.azt3knet.app.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code azt3knet}: entry point. Exit codes: 0 ok, 1 failure, 2 invalid input (docs/cli.md). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new FileOutputStream(FileDescriptor.out), System.err, args));
    }

    /** Runs the command line on the given streams and returns its exit code (tests call this). */
    static int run(OutputStream out, PrintStream err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(OutputStream out, PrintStream err) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> type) throws Exception {
                return type == PopulateCommand.class ? (K) new PopulateCommand(out, err) : defaults.create(type);
            }
        };
        CommandLine cli = new CommandLine(new Azt3knetCommand(), factory);
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler(Errors::onParameterError);
        cli.setExecutionExceptionHandler(Errors::onExecutionError);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}

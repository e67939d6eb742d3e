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
        int code = run(new Cli(new FileOutputStream(FileDescriptor.out), System.err, System.getenv(),
                java.nio.file.Path.of("").toAbsolutePath()), args);
        // Success with nothing left running ends by returning: System.exit (JDK 21+) first asks the platform logger
        // whether to log the exit, which starts the whole logging backend, ~35 ms of a one-second populate.
        if (code != 0 || othersRunning()) System.exit(code);
    }

    /** Whether a thread other than this one would keep the JVM alive after main returns. */
    private static boolean othersRunning() {
        Thread[] threads = new Thread[Thread.activeCount() + 8];
        int n = Thread.enumerate(threads);
        for (int i = 0; i < n; i++) {
            if (threads[i] != Thread.currentThread() && !threads[i].isDaemon() && threads[i].isAlive()) return true;
        }
        return n == threads.length; // more threads than room: assume some are not daemons
    }

    /** Runs the command line on the given streams and returns its exit code (tests call this). */
    static int run(OutputStream out, PrintStream err, String... args) {
        return run(new Cli(out, err, System.getenv(), java.nio.file.Path.of("").toAbsolutePath()), args);
    }

    /** Runs the command line in {@code cli}'s environment (tests give their own). */
    static int run(Cli cli, String... args) {
        // Every command's stdout says what it failed to write, and a reader that went away (| head) is told apart.
        cli = new Cli(OutputTarget.standardOutput(cli.out()), cli.err(), cli.env(), cli.workingDir());
        // picocli looks for Groovy on first use; the failed lookup reads every jar on the class path, ~20 ms.
        System.setProperty("picocli.disable.closures", "true");
        if (args.length >= 1 && args[0].equals(Training.COMMAND)) {
            return Training.run(cli, java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        Class<?> alone = args.length > 0 ? ALONE.get(args[0]) : null;
        if (alone != null) {
            // Building picocli's model of every command costs about 0.25 s of start-up, more than generating a
            // hundred thousand agents; a command named first runs on a model of itself alone, which prints the
            // same help and errors (AloneCommandTest compares them).
            return alone(cli, alone, args[0]).execute(args);
        }
        if (args.length == 0 || args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            return rootForHelp(cli).execute(args);
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            CommandLine.Model.CommandSpec root = bareRoot().mixinStandardHelpOptions(true).versionProvider(new VersionProvider());
            return configure(new CommandLine(root), cli).execute(args); // the version needs no model of the commands
        }
        return commandLine(cli).execute(args);
    }

    /**
     * The root's subcommands by name and alias, read from their annotations without building them; not {@code help}
     * and {@code generate-completion}, which work on the whole tree.
     */
    static final java.util.Map<String, Class<?>> ALONE = alone();

    private static java.util.Map<String, Class<?>> alone() {
        java.util.Map<String, Class<?>> byName = new java.util.HashMap<>();
        for (Class<?> type : Azt3knetCommand.SUBCOMMANDS) {
            CommandLine.Command command = type.getAnnotation(CommandLine.Command.class);
            byName.put(command.name(), type);
            for (String alias : command.aliases()) byName.put(alias, type);
        }
        return java.util.Map.copyOf(byName);
    }

    /**
     * The tree of the root with one of its subcommands only: the root bare (its help is not reachable this way), the
     * subcommand whole, so the subcommand's help, errors and suggestions read as in the whole tree.
     */
    static CommandLine alone(Cli cli, Class<?> type, String name) {
        CommandLine.IFactory factory = factory(cli);
        CommandLine top = new CommandLine(bareRoot(), factory);
        top.addSubcommand(name, new CommandLine(command(factory, type), factory));
        return configure(top, cli);
    }

    /** The root's name without its options, help or subcommands. */
    private static CommandLine.Model.CommandSpec bareRoot() {
        return CommandLine.Model.CommandSpec.create().name("azt3knet");
    }

    static CommandLine commandLine(OutputStream out, PrintStream err) {
        return commandLine(new Cli(out, err, System.getenv(), java.nio.file.Path.of("").toAbsolutePath()));
    }

    /** The whole tree: every command with all of its subcommands. */
    static CommandLine commandLine(Cli cli) {
        CommandLine.IFactory factory = factory(cli);
        CommandLine root = new CommandLine(new Azt3knetCommand(), factory);
        for (Class<?> type : Azt3knetCommand.SUBCOMMANDS) root.addSubcommand(command(factory, type));
        return configure(withHelpCommands(root), cli);
    }

    /**
     * The root for its own help: each subcommand as its name and description only, read from its annotation, which
     * is all the command list shows; a quarter of a second quicker than building them ({@code AloneCommandTest}
     * compares the two helps).
     */
    static CommandLine rootForHelp(Cli cli) {
        CommandLine root = new CommandLine(new Azt3knetCommand(), factory(cli));
        for (Class<?> type : Azt3knetCommand.SUBCOMMANDS) {
            CommandLine.Command a = type.getAnnotation(CommandLine.Command.class);
            CommandLine.Model.CommandSpec summary = CommandLine.Model.CommandSpec.create().name(a.name()).aliases(a.aliases());
            summary.usageMessage().description(a.description()).header(a.header()).hidden(a.hidden());
            root.addSubcommand(a.name(), new CommandLine(summary));
        }
        return configure(withHelpCommands(root), cli);
    }

    private static CommandLine withHelpCommands(CommandLine root) {
        root.addSubcommand(new picocli.AutoComplete.GenerateCompletion());
        root.addSubcommand(new CommandLine.HelpCommand());
        return root;
    }

    private static Object command(CommandLine.IFactory factory, Class<?> type) {
        try {
            return factory.create(type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the command " + type.getSimpleName(), e);
        }
    }

    private static CommandLine.IFactory factory(Cli cli) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    return type.cast(type.getDeclaredConstructor(Cli.class).newInstance(cli));
                } catch (NoSuchMethodException e) {
                    return defaults.create(type);
                }
            }
        };
    }

    private static CommandLine configure(CommandLine commandLine, Cli cli) {
        OutputStream out = cli.out();
        PrintStream err = cli.err();
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(Errors.escaping(new OutputStreamWriter(err, StandardCharsets.UTF_8)), true));
        commandLine.setParameterExceptionHandler(Errors::onParameterError);
        commandLine.setExecutionExceptionHandler(Errors::onExecutionError);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        reflow(commandLine);
        return commandLine;
    }

    /**
     * Descriptions are written as lines of source; picocli wraps each line on its own, so a line longer than the help
     * is wide would leave a short line in the middle of a sentence. The lines after the summary are joined into
     * paragraphs for picocli to wrap at the command's width, and so are the footer's: a line joins the one before it
     * when that one stops mid-sentence. An empty line, an indented one (an example) or one starting with "-" stays
     * where it is, and so does a line after one ending a sentence.
     */
    private static void reflow(CommandLine command) {
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        usage.description(paragraphs(usage.description(), 1));
        usage.footer(paragraphs(usage.footer(), 0));
        for (CommandLine sub : command.getSubcommands().values()) reflow(sub);
    }

    private static boolean endsSentence(String line) {
        String end = line.stripTrailing();
        return end.endsWith(".") || end.endsWith(":") || end.endsWith("?") || end.endsWith("!");
    }

    /** {@code lines} joined into paragraphs from line {@code from + 1} on (a description's first line is its summary). */
    static String[] paragraphs(String[] lines, int from) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String last = out.isEmpty() ? null : out.getLast();
            boolean continues = i > from && last != null && !last.isBlank() && !endsSentence(last) && !last.startsWith(" ")
                    && !line.isBlank() && !line.startsWith(" ") && !line.startsWith("-") && !line.startsWith("%n");
            if (continues) out.set(out.size() - 1, last + " " + line);
            else out.add(line);
        }
        return out.toArray(String[]::new);
    }
}

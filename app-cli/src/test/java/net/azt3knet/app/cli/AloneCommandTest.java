package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command named first runs on a model of itself alone (quicker to start); it must be indistinguishable from the
 * same command in the whole tree: the same help at every level, the same errors, the same exit codes.
 */
class AloneCommandTest {

    private static Cli cli() {
        return new Cli(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), Map.of(), Path.of("").toAbsolutePath());
    }

    private static Map<String, String> usage(CommandLine command) {
        Map<String, String> byName = new TreeMap<>();
        byName.put(command.getCommandSpec().qualifiedName(), command.getUsageMessage(CommandLine.Help.Ansi.OFF));
        for (CommandLine sub : command.getSubcommands().values()) byName.putAll(usage(sub));
        return byName;
    }

    @Test
    void everyCommandAloneHasTheHelpItHasInTheWholeTree() {
        CommandLine root = Main.commandLine(cli());
        List<String> names = root.getSubcommands().keySet().stream()
                .filter(n -> !n.equals("help") && !n.equals("generate-completion")).toList();
        assertThat(Main.ALONE.keySet()).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            Map<String, String> whole = usage(root.getSubcommands().get(name));
            Map<String, String> alone = usage(Main.alone(cli(), Main.ALONE.get(name), name).getSubcommands().get(name));
            assertThat(alone).as(name).isEqualTo(whole);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(CommandLine command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        command.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = command.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMistakeGetsTheSameMessageAndExitCodeAloneAsInTheWholeTree() {
        for (String[] args : List.of(new String[] {"keys", "rotate"}, new String[] {"keys", "--bogus"},
                new String[] {"mail", "list", "--format", "xml"}, new String[] {"queue", "frobnicate"}, new String[] {"countries", "extra"}, new String[] {"populate", "--count", "-1"}, new String[] {"populate", "--frobnicate"})) {
            Run whole = run(Main.commandLine(cli()), args);
            Run alone = run(Main.alone(cli(), Main.ALONE.get(args[0]), args[0]), args);
            assertThat(alone).as(String.join(" ", args)).isEqualTo(whole);
            assertThat(whole.code()).as(String.join(" ", args)).isEqualTo(2);
        }
    }

    @Test
    void theVersionIsTheWholeTreesVersion() {
        Run whole = run(Main.commandLine(cli()), "--version");
        assertThat(whole.out()).startsWith("azt3knet ").contains("generator epoch");
        for (String flag : List.of("--version", "-V")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Main.run(new Cli(out, new PrintStream(new ByteArrayOutputStream()), Map.of(), Path.of("").toAbsolutePath()), flag);
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(whole.out());
        }
    }

    @Test
    void theRootsHelpFromSummariesIsTheWholeTreesHelp() {
        String whole = Main.commandLine(cli()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(whole).contains("Commands:").contains("populate").contains("generate-completion");
        assertThat(Main.rootForHelp(cli()).getUsageMessage(CommandLine.Help.Ansi.OFF)).isEqualTo(whole);
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-h"})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Main.run(new Cli(out, new PrintStream(new ByteArrayOutputStream()), Map.of(), Path.of("").toAbsolutePath()), args);
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).isEqualTo(whole);
        }
    }
}

package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command list shows each command's first description line: it must be a whole sentence, not a fragment. */
class HelpTextTest {

    private static CommandLine root() {
        return Main.commandLine(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void everyCommandSummaryIsACompleteSentence() {
        List<String> fragments = new ArrayList<>();
        collect(root(), fragments);
        assertThat(fragments).isEmpty();
    }

    private static void collect(CommandLine cmd, List<String> fragments) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            String[] description = sub.getCommandSpec().usageMessage().description();
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                String first = description.length == 0 ? "" : description[0].strip();
                if (!(first.endsWith(".") || first.endsWith("?"))) fragments.add(sub.getCommandSpec().qualifiedName() + ": " + first);
            }
            collect(sub, fragments);
        }
    }

    /**
     * No sentence of a command's description is broken on a short line: picocli wraps each description line on its
     * own, so a source line longer than the help's width used to leave a ragged paragraph.
     */
    @Test
    void noDescriptionSentenceBreaksOnAShortLine() {
        List<String> ragged = new ArrayList<>();
        ragged(root(), ragged);
        assertThat(ragged).isEmpty();
    }

    private static void ragged(CommandLine cmd, List<String> ragged) {
        int width = cmd.getCommandSpec().usageMessage().width();
        String[] lines = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\\R");
        for (int i = 0; i + 1 < lines.length; i++) {
            String next = lines[i + 1];
            boolean continuation = !next.isEmpty() && Character.isLowerCase(next.charAt(0));
            if (continuation && !lines[i].isBlank() && lines[i].length() < width - 25) {
                ragged.add(cmd.getCommandSpec().qualifiedName() + ": '" + lines[i] + "' / '" + next + "'");
            }
        }
        for (CommandLine sub : cmd.getSubcommands().values()) ragged(sub, ragged);
    }
}

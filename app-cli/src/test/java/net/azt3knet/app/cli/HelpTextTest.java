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

    @Test
    void everyCommandSummaryIsACompleteSentence() {
        CommandLine root = Main.commandLine(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()));
        List<String> fragments = new ArrayList<>();
        collect(root, fragments);
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
}

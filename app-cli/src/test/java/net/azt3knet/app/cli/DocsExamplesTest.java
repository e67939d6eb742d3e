package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every `./azt3knet …` example in docs/cli.md runs and exits as documented (0, or the `# exit N` it states). */
class DocsExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EXIT = Pattern.compile("#\\s*exit (\\d)");

    @TempDir
    Path dir;

    @Test
    void theCliReferenceExamplesRun() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/cli.md"));
        List<String> examples = doc.lines().filter(l -> l.startsWith("./azt3knet ")).toList();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(8);
        for (String example : examples) {
            Matcher exit = EXIT.matcher(example);
            int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
            String command = example.replaceAll("\\s+#.*$", "");
            if (command.contains("source <(")) command = command.replaceAll("^source <\\((.*)\\)$", "$1");
            CliRun cli = CliRun.run(args(command));
            assertThat(cli.exitCode()).as(example + "\n" + cli.err()).isEqualTo(expected);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("agents.csv", "tokyo.json", "report.html");
        }
    }

    /** Splits like a shell (no quotes are used in the examples); files written go to a temporary directory. */
    private String[] args(String command) {
        List<String> args = new ArrayList<>(List.of(command.substring("./azt3knet ".length()).trim().split("\\s+")));
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("--output") || args.get(i).equals("--out") || args.get(i).equals("-o")) args.set(i + 1, dir.resolve(args.get(i + 1)).toString());
            if (args.get(i).equals("--spec")) args.set(i + 1, ROOT.resolve(args.get(i + 1)).toString());
        }
        return args.toArray(String[]::new);
    }
}

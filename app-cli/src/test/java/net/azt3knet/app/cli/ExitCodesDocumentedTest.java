package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Scripts rely on exit codes: every code the CLI returns is listed in the README and in docs/cli.md. */
class ExitCodesDocumentedTest {

    private static final int[] CODES = {Errors.OK, Errors.FAILURE, Errors.INVALID_INPUT, AuditCommand.BROKEN,
            Provisioning.INCOMPLETE, Errors.DRIFT};

    @Test
    void theReadmeListsEveryExitCode() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("Exit codes: ");
        assertThat(start).isNotNegative();
        String sentence = readme.substring(start, readme.indexOf(".\n", start)).replaceAll("\\s+", " ");
        for (int code : CODES) assertThat(sentence).contains(" " + code + " ");
    }

    @Test
    void theCliReferenceListsEveryExitCode() throws Exception {
        String cli = Files.readString(Path.of("../docs/cli.md")).replaceAll("\\s+", " ");
        int start = cli.indexOf("Exit codes are the same for every command");
        assertThat(start).isNotNegative();
        String paragraph = cli.substring(start, cli.indexOf("Stack traces", start));
        for (int code : CODES) assertThat(paragraph).contains("**" + code + "**");
    }
}

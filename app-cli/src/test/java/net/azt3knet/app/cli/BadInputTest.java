package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad input: one clear message naming the flag and the fix, exit code 2, no stack trace, no output file. */
class BadInputTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        --count     | 0             | --count (count): '0' is out of range; use a whole number from 1 to 100000000
        --count     | -5            | --count (count): '-5' is out of range
        --count     | abc           | --count (count): 'abc' is not a whole number in range
        --count     | 1000000000000 | --count (count): '1000000000000' is out of range
        --age       | 5-200         | --age (age_range): '5-200' must lie within 13-90
        --age       | 40-20         | --age (age_range): '40-20' has its lower bound after its upper bound
        --age       | 20-30-40      | --age (age_range): '20-30-40' has 3 numbers; a range has two
        --country   | XX            | --country (country): 'XX' is not a supported ISO 3166-1 alpha-2 code; use one of AL AM
        --gender    | robot         | --gender (gender): 'robot' is not a recognised value; use female, male, non_binary or unspecified
        --interests | ''            | --interests (interests): '' is empty
        --domain    | localhost     | --domain (domain): 'localhost' needs at least two labels
        --city      | Atlantis      | --city (city): 'Atlantis' is not a city of US
        --threads   | 0             | --threads: '0' is not a whole number of at least 1
        --preview   | lots          | --preview: 'lots' is not a whole number of at least 1
        --format    | xml           | Invalid value for option '--format': expected one of [TABLE, JSON, NDJSON, CSV]
        """)
    void badFlagsExitWithCodeTwoAndAClearMessage(String flag, String value, String message) {
        Path out = dir.resolve("agents.ndjson");
        CliRun cli = flag.equals("--count")
                ? CliRun.run("populate", "--seed", "42", flag, value, "--output", out.toString())
                : CliRun.run("populate", "--seed", "42", "--count", "10", flag, value, "--output", out.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(cli.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void everyProblemIsListedAtOnce() {
        CliRun cli = CliRun.run("populate", "--count", "abc", "--age", "40-20", "--country", "XX", "--gender", "robot");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--count", "--age", "--country", "--gender", "Run 'azt3knet populate --help'")
                .doesNotContain("using seed"); // nothing was generated, so no seed to remember
    }

    @Test
    void anUnwritableOutputFailsBeforeAnyWork() {
        CliRun missingDir = CliRun.run("populate", "--count", "5", "--seed", "1", "--output", dir.resolve("no/such/dir/x.csv").toString());
        assertThat(missingDir.exitCode()).isEqualTo(2);
        assertThat(missingDir.err()).contains("--output: cannot write").contains("does not exist");
        CliRun directory = CliRun.run("populate", "--count", "5", "--seed", "1", "--output", dir.toString());
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).contains("is a directory");
        CliRun proc = CliRun.run("populate", "--count", "5", "--seed", "1", "--output", "/proc/azt3knet-test.csv");
        assertThat(proc.exitCode()).isEqualTo(2);
        assertThat(proc.err()).contains("--output: cannot write").doesNotContain("Exception");
    }

    @Test
    void aMalformedSpecFileIsNamedWithItsPosition() throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"count\": 10,\n \"seed\": \"x\"\n \"gender\": \"female\"}");
        CliRun cli = CliRun.run("populate", "--spec", spec.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--spec: '" + spec + "' is not valid JSON at line 3").doesNotContain("\tat ");
    }

    @Test
    void specFilesWithUnknownFieldsOrMissingFilesAreRejected() throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"count\": 10, \"seed\": \"x\", \"colour\": \"blue\"}");
        assertThat(CliRun.run("populate", "--spec", spec.toString()).err()).contains("unknown field(s) [colour]");
        CliRun missing = CliRun.run("populate", "--spec", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
        Files.writeString(spec, "[1, 2]");
        assertThat(CliRun.run("populate", "--spec", spec.toString()).err()).contains("must hold a JSON object");
    }

    @Test
    void unknownOptionsSuggestTheRightOne() {
        CliRun cli = CliRun.run("populate", "--coutn=5");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option: '--coutn=5'").contains("Possible solutions: --count");
    }

    @Test
    void aDeadlineThatIsNotAnIntervalIsNamedBeforeAnyWork() {
        CliRun cli = CliRun.in(java.util.Map.of("HOME", dir.toString()), dir, "mailboxes", "apply",
                "--population", "8b7f4c1e-3a52-4a4e-9d2c-0f6a1b2c3d4e", "--provider", "mailcow", "--deadline", "soon");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--deadline 'soon' is not an interval; e.g. 90s, 5m, 1h or 7d").doesNotContain("\tat ");
        assertThat(dir.resolve(".local")).doesNotExist(); // no database was started
    }
}

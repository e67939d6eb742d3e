package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesNdjsonWhenStdoutIsNotATerminal() throws Exception {
        CliRun cli = CliRun.run("populate", "--count", "10", "--seed", "42");
        assertThat(cli.exitCode()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(10);
        for (String line : lines) {
            JsonNode agent = JSON.readTree(line);
            assertThat(agent.get("synthetic").asBoolean()).isTrue();
            assertThat(agent.get("email").asText()).endsWith("@azt3knet.example");
        }
        assertThat(cli.err()).isEmpty();
        assertThat(CliRun.run("populate", "--count", "10", "--seed", "42").out()).isEqualTo(cli.out());
    }

    @Test
    void theThreadCountDoesNotChangeTheOutput() {
        String one = CliRun.run("populate", "--count", "5000", "--seed", "t", "--threads", "1").out();
        assertThat(CliRun.run("populate", "--count", "5000", "--seed", "t", "--threads", "4").out()).isEqualTo(one);
    }

    @Test
    void aPreviewIsThePrefixOfThePopulation() {
        CliRun preview = CliRun.run("populate", "--count", "100000", "--seed", "42", "--preview", "5");
        assertThat(preview.out().lines()).hasSize(5);
        assertThat(CliRun.run("populate", "--count", "5", "--seed", "42").out()).isEqualTo(preview.out());
    }

    @Test
    void theTableFitsEightyColumnsEvenWithLongNamesAndDomains() {
        String domain = "a-very-long-subdomain-for-agents." + "b".repeat(25) + ".example.org"; // 70 characters
        CliRun cli = CliRun.run("populate", "--count", "3000", "--seed", "long", "--country", "ES:0.5,PT:0.5", "--format", "table",
                "--domain", domain);
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out().lines()).hasSize(3003).allSatisfy(line ->
                assertThat(line.codePointCount(0, line.length())).as(line).isLessThanOrEqualTo(80));
        assertThat(cli.out()).contains("…");
    }

    @Test
    void theTableFitsEightyColumns() {
        CliRun cli = CliRun.run("populate", "--count", "200", "--seed", "wide", "--country", "DE:0.5,BR:0.5", "--format", "table",
                "--domain", "a-rather-long-mail-domain.example.org");
        assertThat(cli.exitCode()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(203);
        assertThat(lines.get(0)).isEqualTo("Domain: a-rather-long-mail-domain.example.org");
        assertThat(lines.get(1)).contains("NAME", "AGE", "CITY", "USERNAME");
        for (String line : lines.subList(3, lines.size())) {
            String withoutUsername = line.substring(0, line.lastIndexOf(' '));
            assertThat(withoutUsername.codePointCount(0, withoutUsername.length())).isLessThanOrEqualTo(56);
            assertThat(line.codePointCount(0, line.length())).as(line).isLessThanOrEqualTo(80);
        }
    }

    @Test
    void csvHasAHeaderAndOneRowPerAgent() {
        CliRun cli = CliRun.run("populate", "--count", "50", "--seed", "csv", "--format", "csv", "--interests", "music,\"quoted\" things,a;b");
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(51);
        assertThat(lines.get(0)).isEqualTo(String.join(",", OutputFormat.CSV_COLUMNS));
        for (String row : lines.subList(1, lines.size())) assertThat(csvFields(row)).hasSize(OutputFormat.CSV_COLUMNS.size());
        assertThat(cli.out()).contains("\"\"quoted\"\" things");
    }

    @Test
    void jsonIsOneArray() throws Exception {
        JsonNode array = JSON.readTree(CliRun.run("populate", "--count", "7", "--seed", "j", "--format", "json").out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(7);
        assertThat(array.get(6).get("index").asInt()).isEqualTo(6);
    }

    @Test
    void writesFilesAtomicallyAndPicksTheFormatFromTheExtension() throws Exception {
        Path csv = dir.resolve("agents.csv");
        CliRun cli = CliRun.run("populate", "--count", "20", "--seed", "f", "--output", csv.toString());
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEmpty();
        assertThat(Files.readAllLines(csv)).hasSize(21).first().asString().startsWith("id,index,seed");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(csv); // no temporary file left behind
        }
    }

    @Test
    void withoutASeedOneIsChosenAndPrinted() {
        CliRun cli = CliRun.run("populate", "--count", "3");
        assertThat(cli.exitCode()).isZero();
        String seed = cli.err().replaceAll("(?s).*using seed (\\S+) .*", "$1");
        assertThat(seed).matches("[a-z2-7]{10}");
        assertThat(CliRun.run("populate", "--count", "3", "--seed", seed).out()).isEqualTo(cli.out());
    }

    @Test
    void flagsOverrideTheSpecFile() throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, """
            {"count": 40, "seed": "from-file", "gender": {"female": 1}, "country": "JP",
             "age_range": [30, 40], "interests": ["music", "go"], "domain": "agents.example.org"}
            """);
        CliRun cli = CliRun.run("populate", "--spec", spec.toString(), "--count", "4", "--format", "ndjson");
        assertThat(cli.exitCode()).isZero();
        List<JsonNode> agents = cli.out().lines().map(this::json).toList();
        assertThat(agents).hasSize(4).allSatisfy(a -> {
            assertThat(a.get("country").asText()).isEqualTo("JP");
            assertThat(a.get("gender").asText()).isEqualTo("female");
            assertThat(a.get("age").asInt()).isBetween(30, 40);
            assertThat(a.get("email").asText()).endsWith("@agents.example.org");
        });
    }

    @Test
    void helpTeachesAndVersionNamesTheEpoch() {
        CliRun help = CliRun.run("populate", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--count", "--gender", "--preview", "--format", "Examples:", "Exit codes: 0 ok, 1 failure, 2 invalid input");
        assertThat(CliRun.run("--version").out()).contains("azt3knet", "generator epoch 2");
        assertThat(CliRun.run().out()).contains("populate", "generate-completion");
        assertThat(CliRun.run("generate-completion").out()).contains("complete -F").contains("populate");
    }

    private JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** RFC 4180 fields of one row. */
    private static List<String> csvFields(String row) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted && c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') { f.append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.add(f.toString()); f.setLength(0); }
            else f.append(c);
        }
        fields.add(f.toString());
        return fields;
    }
}

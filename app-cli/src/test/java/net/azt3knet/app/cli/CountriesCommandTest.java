package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code azt3knet countries}: every supported country with its data counts, thin ones flagged. */
class CountriesCommandTest {

    @Test
    void listsEveryCountryOfTheCurrentEpochWithItsCountsAndThinFlag() {
        CliRun run = CliRun.run("countries", "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("code,name,continent,given_f,given_m,surnames,thin,sources");
        assertThat(lines).hasSize(1 + 75);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("NG,Nigeria,AF,").contains(",true,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("DE,Germany,EU,1293,1302,2009,false,"));
    }

    @Test
    void thinIsABooleanInJsonAndAWordInTheTable() {
        CliRun json = CliRun.run("countries", "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("{\"code\":\"NG\",\"name\":\"Nigeria\",\"continent\":\"AF\",")
                .containsPattern("\\{\"code\":\"NG\"[^}]*\"thin\":true,")
                .containsPattern("\\{\"code\":\"DE\"[^}]*\"thin\":false,")
                .doesNotContain("\"thin\":\"");

        CliRun table = CliRun.run("countries", "--format", "table");
        assertThat(table.exitCode()).as(table.err()).isZero();
        var rows = table.out().lines().toList();
        assertThat(rows.get(0)).containsPattern("SURNAMES +THIN +SOURCES");
        assertThat(rows).anySatisfy(l -> assertThat(l).startsWith("NG ").containsPattern(" 297 +thin +datafaker:"));
        assertThat(rows).anySatisfy(l -> assertThat(l).startsWith("DE ").containsPattern(" 2009 +datafaker:")
                .doesNotContain("thin").doesNotContain("false"));
    }

    @Test
    void epochOneListsItsSixtyFourCountries() {
        CliRun run = CliRun.run("countries", "--epoch", "1", "--format", "ndjson");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(64).first().asString().isEqualTo("{\"code\":\"AL\",\"name\":\"Albania\",\"continent\":\"EU\"}");
    }

    @Test
    void anEpochThisReleaseCannotRunIsRejected() {
        CliRun run = CliRun.run("countries", "--epoch", "9");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--epoch 9 is not an epoch this release can run; use one of 1, 2");
    }
}

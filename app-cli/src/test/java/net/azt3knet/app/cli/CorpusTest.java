package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The corpus format: what a line means, and that a malformed one fails naming its file and line. */
class CorpusTest {

    private static final Corpus.Line LINE = new Corpus.Line("x.tsv", 7, List.of());

    @Test
    void wordsAreShellLikeWithSingleQuotes() {
        assertThat(Corpus.words(LINE, "populate --count  5 --name 'Bad Name' --interests '' a'b c'd"))
                .containsExactly("populate", "--count", "5", "--name", "Bad Name", "--interests", "", "ab cd");
        assertThat(Corpus.words(LINE, "")).isEmpty();
    }

    @Test
    void anUnclosedQuoteNamesFileAndLine() {
        assertThatThrownBy(() -> Corpus.words(LINE, "--name 'open")).isInstanceOf(Corpus.MalformedLine.class)
                .hasMessageStartingWith("x.tsv:7: malformed corpus line: unclosed single quote");
    }

    @Test
    void placeholdersAreReplacedAndAnUnknownOneIsMalformed() {
        assertThat(Corpus.expand(LINE, "${TMP}/a-${POP}", Map.of("TMP", "/t", "POP", "p")::get)).isEqualTo("/t/a-p");
        assertThatThrownBy(() -> Corpus.expand(LINE, "${NOPE}", Map.<String, String>of()::get))
                .hasMessage("x.tsv:7: malformed corpus line: unknown placeholder ${NOPE}");
    }

    @Test
    void commentsAndBlankLinesAreSkippedAndLineNumbersKept() {
        List<Corpus.Line> lines = Corpus.lines("a.tsv", "# header\n\n2\tpopulate\tmsg\r\n  # indented comment\n1\tx\ty\n");
        assertThat(lines).extracting(Corpus.Line::where).containsExactly("a.tsv:3", "a.tsv:5");
        assertThat(lines.get(0).columns()).containsExactly("2", "populate", "msg");
    }

    @Test
    void aMissingColumnOrABadNumberIsMalformed() {
        Corpus.Line short_ = Corpus.lines("a.tsv", "2\tpopulate").get(0);
        assertThatThrownBy(() -> Corpus.required(short_, 2, "stderr fragment"))
                .hasMessage("a.tsv:1: malformed corpus line: column 3 (stderr fragment) is missing");
        Corpus.Line word = Corpus.lines("a.tsv", "two\tpopulate\tm").get(0);
        assertThatThrownBy(() -> Corpus.number(word, 0, "exit code")).hasMessageContaining("a.tsv:1").hasMessageContaining("'two'");
        Corpus.Line wide = Corpus.lines("a.tsv", "2\ta\tb\tc\td").get(0);
        assertThatThrownBy(() -> Corpus.atMost(wide, 4)).hasMessageContaining("5 columns, at most 4");
    }

    @Test
    void aMalformedLineBecomesAFailingTestNamedByFileAndLine() {
        Corpus.Line bad = Corpus.lines("a.tsv", "x\tpopulate\tm").get(0);
        DynamicTest test = Corpus.test("cli", bad, l -> Integer.toString(Corpus.number(l, 0, "exit code")), l -> { });
        assertThat(test.getDisplayName()).isEqualTo("a.tsv:1  malformed");
        assertThat(test.getTestSourceUri()).hasValueSatisfying(u -> assertThat(u.toString()).endsWith("bad-input/cli/a.tsv?line=1"));
        assertThatThrownBy(() -> test.getExecutable().execute()).isInstanceOf(Corpus.MalformedLine.class).hasMessageStartingWith("a.tsv:1:");
        Corpus.Line good = Corpus.lines("a.tsv", "2\tpopulate\tm").get(0);
        assertThat(Corpus.test("cli", good, l -> "populate", l -> { }).getDisplayName()).isEqualTo("a.tsv:1  populate");
    }
}

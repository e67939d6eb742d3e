package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void onATerminalItRedrawsOneLineAndEndsWithASummary() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, 10_000);
        progress.advance(2_048);
        progress.finish("10,000 agents (seed 42, epoch 1)");
        String shown = err.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("\r  2,048 / 10,000 agents (20%)");
        assertThat(shown).contains("\r\033[2K10,000 agents (seed 42, epoch 1) in ").endsWith(" s\n");
    }

    @Test
    void withoutATerminalItStaysSilent() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false, 10_000);
        progress.advance(10_000);
        progress.finish("done");
        assertThat(err.size()).isZero();
    }
}

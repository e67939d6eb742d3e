package net.azt3knet.domain.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteBuilderTest {

    private static String json(String s) {
        return new String(new ByteBuilder(4).jsonString(s).toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void escapesOnlyWhatJsonRequires() {
        assertThat(json("plain")).isEqualTo("\"plain\"");
        assertThat(json("say \"hi\" \\ now")).isEqualTo("\"say \\\"hi\\\" \\\\ now\"");
        assertThat(json("a\nb\tc\u0001")).isEqualTo("\"a\\nb\\tc\\u0001\"");
        assertThat(json("/<>&'")).isEqualTo("\"/<>&'\"");
    }

    @Test
    void writesUtf8ForEveryScript() {
        assertThat(json("Müller")).isEqualTo("\"Müller\"");
        assertThat(json("Satō Ōsaka 佐藤")).isEqualTo("\"Satō Ōsaka 佐藤\"");
        assertThat(json("emoji 😀 end")).isEqualTo("\"emoji 😀 end\"");
        assertThat(new ByteBuilder(1).jsonString("ō").toByteArray()).containsExactly('"', 0xC5, 0x8D, '"');
    }

    @Test
    void replacesLoneSurrogatesInsteadOfWritingInvalidUtf8() {
        assertThat(json("a\uD800b")).isEqualTo("\"a\uFFFDb\"");
    }

    @Test
    void writesNumbersAndPaddedDigits() {
        ByteBuilder b = new ByteBuilder(1);
        b.number(0).append(' ').number(1234567890123L).append(' ').number(-42).append(' ').padded(7, 3);
        assertThat(new String(b.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("0 1234567890123 -42 007");
    }
}

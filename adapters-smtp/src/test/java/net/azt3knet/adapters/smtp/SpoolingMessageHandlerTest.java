package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpoolingMessageHandlerTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void onlyReceivedFieldsOfTheHeaderSectionAreCountedAsHops() {
        assertThat(SpoolingMessageHandler.receivedHeaders(b("Received: a\r\n\tcontinued received: no\r\nRECEIVED: b\r\nX-Received: c\r\n\r\nReceived: body\r\n")))
                .isEqualTo(2);
        assertThat(SpoolingMessageHandler.receivedHeaders(b("Received: bare LF\nReceived: x\n\nReceived: body\n"))).isEqualTo(2);
        assertThat(SpoolingMessageHandler.receivedHeaders(b("Received: no body"))).isEqualTo(1);
        assertThat(SpoolingMessageHandler.receivedHeaders(b(""))).isZero();
    }

    @Test
    void aMessageUpToTheLimitIsReadWholeAndALongerOneIsReadToTheEndButNotKept() throws IOException {
        ByteArrayInputStream exact = new ByteArrayInputStream(new byte[100]);
        assertThat(SpoolingMessageHandler.readAtMost(exact, 100)).hasSize(100);
        ByteArrayInputStream over = new ByteArrayInputStream(new byte[100_000]);
        assertThat(SpoolingMessageHandler.readAtMost(over, 99_999)).isNull();
        assertThat(over.available()).as("drained").isZero();
    }
}

package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CredentialCipher} must do with stored content ({@code sealContent}/{@code openContent}): a box
 * opens to its bytes only under its key and for its context, and never tells the plaintext in a refusal.
 */
public interface ContentCipherContract {

    /** A new cipher under the key called {@code key}: the same name gives the same key, another name another key. */
    CredentialCipher contentCipher(String key);

    /** False for stand-ins without integrity (they cannot notice an altered byte, nor hide the plaintext). */
    default boolean authenticates() {
        return true;
    }

    String CONTEXT = "responder.mail";
    byte[] MAIL = "From: Ana <ana@outside.example>\r\nSubject: hola\r\n\r\nmy secret reply text\r\n".getBytes(StandardCharsets.UTF_8);

    @Test
    default void contentRoundTripsUnderTheSameKeyAndContext() {
        CredentialCipher c = contentCipher("a");
        byte[] box = c.sealContent(CONTEXT, MAIL.clone());
        assertThat(contentCipher("a").openContent(CONTEXT, box)).isEqualTo(MAIL);
        assertThat(c.openContent(CONTEXT, box)).isEqualTo(MAIL);
    }

    @Test
    default void contentIsHiddenAndEachBoxIsFresh() {
        assumeTrue(authenticates(), "a stand-in without encryption");
        CredentialCipher c = contentCipher("a");
        byte[] box = c.sealContent(CONTEXT, MAIL);
        assertThat(new String(box, StandardCharsets.ISO_8859_1)).doesNotContain("secret reply").doesNotContain("ana@outside");
        assertThat(c.sealContent(CONTEXT, MAIL)).as("a random nonce per box").isNotEqualTo(box);
    }

    @Test
    default void contentSealedForOneUseDoesNotOpenForAnother() {
        CredentialCipher c = contentCipher("a");
        byte[] box = c.sealContent(CONTEXT, MAIL);
        assertThatThrownBy(() -> c.openContent("responder.reply", box)).isInstanceOf(CredentialCryptoException.class)
                .hasMessageNotContaining("secret reply");
    }

    @Test
    default void contentDoesNotOpenUnderAnotherKey() {
        byte[] box = contentCipher("a").sealContent(CONTEXT, MAIL);
        CredentialCipher other = contentCipher("b");
        assertThatThrownBy(() -> other.openContent(CONTEXT, box)).isInstanceOf(CredentialCryptoException.class)
                .hasMessageNotContaining("secret reply").hasMessageNotContaining("ana@outside");
    }

    @Test
    default void anAlteredByteAnywhereIsRefused() {
        assumeTrue(authenticates(), "a stand-in without integrity");
        CredentialCipher c = contentCipher("a");
        byte[] box = c.sealContent(CONTEXT, MAIL);
        for (int i = 0; i < box.length; i++) {
            byte[] altered = box.clone();
            altered[i] ^= 0x20;
            int at = i;
            assertThatThrownBy(() -> c.openContent(CONTEXT, altered)).as("byte %d altered", at)
                    .isInstanceOf(CredentialCryptoException.class).hasMessageNotContaining("secret reply");
        }
        assertThatThrownBy(() -> c.openContent(CONTEXT, Arrays.copyOf(box, box.length - 1)))
                .isInstanceOf(CredentialCryptoException.class);
        assertThatThrownBy(() -> c.openContent(CONTEXT, new byte[0])).isInstanceOf(CredentialCryptoException.class);
    }

    @Test
    default void emptyContentRoundTrips() {
        CredentialCipher c = contentCipher("a");
        byte[] box = c.sealContent(CONTEXT, new byte[0]);
        assertThat(c.openContent(CONTEXT, box)).isEmpty();
        assertThatThrownBy(() -> contentCipher("b").openContent(CONTEXT, box)).isInstanceOf(CredentialCryptoException.class);
    }

    /** The largest attachment the responder accepts (MAX_ATTACHMENT_SIZE, 10 MB) inside a stored message. */
    @Test
    default void tenMegabytesRoundTrip() {
        byte[] big = new byte[10 * 1024 * 1024];
        new SplittableRandom(22).nextBytes(big);
        CredentialCipher c = contentCipher("a");
        byte[] box = c.sealContent(CONTEXT, big);
        assertThat(box.length).isGreaterThanOrEqualTo(big.length);
        assertThat(Arrays.equals(contentCipher("a").openContent(CONTEXT, box), big)).isTrue();
    }
}

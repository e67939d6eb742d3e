package net.azt3knet.domain.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The ledger's statuses keep the words earlier releases stored ({@code pending}, {@code active}). */
class LedgerMailboxTest {

    @Test
    void eachStatusIsStoredAsTheWordEarlierReleasesWroteAndReadBackFromIt() {
        assertThat(LedgerMailbox.Status.PENDING.word()).isEqualTo("pending");
        assertThat(LedgerMailbox.Status.ACTIVE.word()).isEqualTo("active");
        assertThat(Arrays.stream(LedgerMailbox.Status.values()).map(s -> LedgerMailbox.Status.of(s.word())))
                .containsExactly(LedgerMailbox.Status.values());
    }

    @Test
    void aWordNoStatusIsStoredAsIsRefusedByName() {
        assertThatThrownBy(() -> LedgerMailbox.Status.of("ACTIVE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'ACTIVE' is not a mailbox ledger status (pending or active)");
        assertThatThrownBy(() -> new LedgerMailbox(1, "a@x.example", null, null, -1)).isInstanceOf(NullPointerException.class);
    }
}

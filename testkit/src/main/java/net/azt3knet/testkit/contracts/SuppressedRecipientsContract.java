package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import net.azt3knet.ports.out.spool.SuppressedRecipients;
import org.junit.jupiter.api.Test;

/** What every {@link SuppressedRecipients} does; {@link #list()} is empty at the start of each test. */
public interface SuppressedRecipientsContract {

    SuppressedRecipients list();

    @Test
    default void anAddressIsSuppressedOnceAddedWhateverItsCaseAndOthersAreNot() {
        SuppressedRecipients s = list();
        assertThat(s.suppressed("gone@example.net")).isFalse();
        s.suppress("Gone@Example.NET", "550 5.1.1 no such user");
        assertThat(s.suppressed("gone@example.net")).isTrue();
        assertThat(s.suppressed("GONE@EXAMPLE.NET")).isTrue();
        assertThat(s.suppressed("other@example.net")).isFalse();
    }

    @Test
    default void addingAnAddressAgainIsHarmless() {
        SuppressedRecipients s = list();
        s.suppress("gone@example.net", "first");
        s.suppress("gone@example.net", "second");
        assertThat(s.suppressed("gone@example.net")).isTrue();
    }
}

package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import net.azt3knet.ports.out.mailbox.ProviderCapabilities;
import net.azt3knet.ports.out.mailbox.ProviderHealth;
import org.junit.jupiter.api.Test;

/** What every {@link ProviderHealth} must do: pass its check with good credentials and describe itself for messages. */
public interface ProviderHealthContract {

    ProviderHealth health();

    @Test
    default void checkPassesAndCapabilitiesNameTheProvider() {
        assertThatCode(() -> health().check()).doesNotThrowAnyException();
        assertThatCode(() -> health().check()).as("a check is a read: repeating it is fine").doesNotThrowAnyException();
        ProviderCapabilities c = health().capabilities();
        assertThat(c.name()).isNotBlank().isLowerCase();
        assertThat(c.endpoint()).isNotBlank();
        assertThat(c.identity()).isEqualTo(c.hostsMailboxes() ? "mailbox" : "sender");
    }
}

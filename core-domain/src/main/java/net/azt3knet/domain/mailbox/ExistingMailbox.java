package net.azt3knet.domain.mailbox;

import java.util.Objects;

/**
 * What a provider holds for an address.
 *
 * @param address     the address, lower case
 * @param displayName the name the provider shows, or empty
 * @param reference   the provider's own id for it (Mailjet and Cakemail ids; the address for Mailcow and local)
 * @param owner       the ownership tag the provider stored with it ({@link MailboxOwner}), or null when the provider
 *                    keeps none or it was made by someone else
 * @param state       the provider's word for its state: {@code active}, {@code inactive}, {@code unconfirmed}, …
 */
public record ExistingMailbox(String address, String displayName, String reference, String owner, String state) {

    public ExistingMailbox {
        Objects.requireNonNull(address, "address");
        displayName = displayName == null ? "" : displayName;
        Objects.requireNonNull(reference, "reference");
        state = state == null ? "active" : state;
    }
}

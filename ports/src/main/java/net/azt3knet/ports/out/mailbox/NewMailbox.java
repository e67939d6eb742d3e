package net.azt3knet.ports.out.mailbox;

import java.util.Objects;
import net.azt3knet.domain.credential.Secret;

/**
 * A mailbox to create.
 *
 * @param address     the address
 * @param displayName the name shown in headers
 * @param password    its password, or null for providers that hold none (sender identities)
 * @param appPassword its app password (IMAP/SMTP only) where the provider has them (Mailcow), or null
 * @param owner       the ownership tag to store where the provider keeps tags
 */
public record NewMailbox(String address, String displayName, Secret password, Secret appPassword, String owner) {

    /** A mailbox without an app password. */
    public NewMailbox(String address, String displayName, Secret password, String owner) {
        this(address, displayName, password, null, owner);
    }

    public NewMailbox {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(owner, "owner");
    }

    /** The part before the @. */
    public String localPart() {
        return address.substring(0, address.indexOf('@'));
    }

    /** The part after the @. */
    public String domain() {
        return address.substring(address.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        return "NewMailbox[" + address + "]";
    }
}

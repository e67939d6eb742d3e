package net.azt3knet.ports.out.mailbox;

import net.azt3knet.domain.credential.Secret;

/**
 * What to change on an existing mailbox; a null component is left as it is.
 *
 * @param displayName the new display name, or null
 * @param password    the new password, or null
 * @param appPassword the new app password (where the provider has them), or null
 */
public record MailboxUpdate(String displayName, Secret password, Secret appPassword) {

    /** An update that leaves the app password as it is. */
    public MailboxUpdate(String displayName, Secret password) {
        this(displayName, password, null);
    }

    @Override
    public String toString() {
        return "MailboxUpdate[displayName=" + displayName + ", password=" + (password == null ? "unchanged" : "new")
                + (appPassword == null ? "" : ", appPassword=new") + "]";
    }
}

package net.azt3knet.adapters.http.badexample;

import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;

/** Breaks ARCH-011 on purpose: the HTTP toolkit making one port's exception, as it once did. */
public final class ReportsAPortsFailure {

    public RuntimeException failure(String message) {
        return new MailboxProvisioningException(MailboxProvisioningException.Reason.SERVER_ERROR, message);
    }
}

package org.example.maildrop;

import java.nio.file.Path;
import net.azt3knet.testkit.contracts.MailProviderContract;
import org.junit.jupiter.api.io.TempDir;

/** The contract every mail provider runs, on the plugin's files: what a plugin author adds to their own build. */
class MaildropMailboxProvisioningTest implements MailProviderContract {

    @TempDir
    Path dir;
    private MaildropMailboxProvisioning maildrop;

    @Override
    public Object provider() {
        if (maildrop == null) maildrop = new MaildropMailboxProvisioning(new MaildropSettings(dir, 50));
        return maildrop;
    }

    @Override
    public boolean keepsOwnerTag() {
        return true;
    }

    @Override
    public boolean holdsDkim() {
        return false;
    }
}

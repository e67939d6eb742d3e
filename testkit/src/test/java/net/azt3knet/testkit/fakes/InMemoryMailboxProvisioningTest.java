package net.azt3knet.testkit.fakes;

import java.util.Optional;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.testkit.contracts.MailProviderContract;

/** The fake obeys the contract the real adapters run. */
class InMemoryMailboxProvisioningTest implements MailProviderContract {

    private final InMemoryMailboxProvisioning fake = new InMemoryMailboxProvisioning("memory", true);

    @Override
    public Object provider() {
        return fake;
    }

    @Override
    public boolean keepsOwnerTag() {
        return true;
    }

    @Override
    public boolean holdsDkim() {
        return true;
    }

    @Override
    public Optional<String> passwordAtProvider(String address) {
        return fake.password(address).map(Secret::reveal);
    }
}

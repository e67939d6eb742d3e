package net.azt3knet.ports.in;

import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.out.mailbox.DkimKey;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.ProviderCapabilities;

/**
 * Driving port: the mail providers as an operator inspects them — which are configured, whether they answer with
 * their credentials, and the DKIM key a provider signs a domain's mail with. Reads only.
 */
public interface InspectMailProvidersUseCase {

    /** Where one provider stands. */
    enum Status {
        /** It answered the check. */
        OK,
        /** The settings it needs are missing (or its feature flag is off); it was not called. */
        NOT_CONFIGURED,
        /** It was called and the check failed. */
        FAILED
    }

    /**
     * What the check of one provider found.
     *
     * @param provider     its name
     * @param status       where it stands
     * @param capabilities what it gives an agent and where it is reached, when it answered; else null
     * @param reason       why the check failed, when it did; else null
     * @param detail       the failure's message, naming what is wrong and never a secret; else empty
     */
    record ProviderCheck(String provider, Status status, ProviderCapabilities capabilities,
                         MailboxProvisioningException.Reason reason, String detail) {
    }

    /**
     * Checks every provider this build knows, or only {@code only}, with one cheap read each; a provider that is not
     * configured is reported, not called.
     *
     * @throws RejectedCommandException naming the providers when {@code only} is not one of them
     */
    List<ProviderCheck> check(Optional<String> only);

    /**
     * The DKIM key {@code provider} signs {@code domain}'s mail with, if it holds one (the public part only); with
     * {@code recheck}, after asking the provider to look up the domain's DNS again where it offers that.
     *
     * @throws RejectedCommandException     naming the providers when {@code provider} is not one of them
     * @throws MailboxProvisioningException when the provider is not configured or fails
     */
    Optional<DkimKey> dkim(String provider, String domain, boolean recheck);

    /** Every mail provider the registry knows, configured or not, in its order. */
    List<String> names();

    /**
     * Nothing when {@code provider} (one of {@link #names}) has its settings and is not switched off by its feature flag.
     *
     * @throws MailboxProvisioningException {@code NOT_CONFIGURED}, naming the settings it lacks or its flag
     */
    void requireConfigured(String provider);
}

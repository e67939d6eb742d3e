package net.azt3knet.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.azt3knet.ports.in.InspectMailProvidersUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.mailbox.DkimKey;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import net.azt3knet.ports.out.mailbox.ProviderHealth;

/** Checks the mail providers through their {@link ProviderHealth}, and reads DKIM keys through their {@link ProviderDnsNeeds}. */
public final class InspectMailProvidersService implements InspectMailProvidersUseCase {

    private final MailProviders providers;

    public InspectMailProvidersService(MailProviders providers) {
        this.providers = providers;
    }

    @Override
    public List<ProviderCheck> check(Optional<String> only) {
        List<String> names = only.map(n -> List.of(known(n))).orElseGet(providers::names);
        List<ProviderCheck> checks = new ArrayList<>();
        for (String name : names) {
            if (!providers.configured(name)) {
                checks.add(new ProviderCheck(name, Status.NOT_CONFIGURED, null, null, ""));
                continue;
            }
            try {
                ProviderHealth health = providers.health(name);
                health.check();
                checks.add(new ProviderCheck(name, Status.OK, health.capabilities(), null, ""));
            } catch (MailboxProvisioningException e) {
                checks.add(new ProviderCheck(name, Status.FAILED, null, e.reason(), e.getMessage()));
            }
        }
        return checks;
    }

    @Override
    public Optional<DkimKey> dkim(String provider, String domain, boolean recheck) {
        ProviderDnsNeeds dns = providers.dns(known(provider));
        return recheck ? dns.recheckDkim(domain) : dns.dkim(domain);
    }

    /** The provider's name as the registry spells it. */
    private String known(String given) {
        String name = given.strip().toLowerCase(Locale.ROOT);
        if (!providers.names().contains(name)) {
            throw new RejectedCommandException("--provider '" + given + "' is not a provider; choose one of "
                    + String.join(", ", providers.names()));
        }
        return name;
    }

    @Override
    public List<String> names() {
        return providers.names();
    }

    @Override
    public void requireConfigured(String provider) {
        providers.health(provider); // the registry builds it here, or says what it lacks
    }
}

package net.azt3knet.app.wiring;

import java.util.List;
import java.util.Map;
import net.azt3knet.ports.out.integration.IntegrationConfigurationException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import net.azt3knet.ports.out.mailbox.ProviderHealth;

/** The mail providers the registry found, each built on first use so that an unused one needs no credentials. */
final class RegistryMailProviders implements MailProviders {

    private final List<IntegrationFactory> providers;
    private final Integrations registry;
    private final IntegrationContext context;

    RegistryMailProviders(Map<String, IntegrationFactory> integrations, Integrations registry, IntegrationContext context) {
        this.providers = integrations.values().stream().filter(f -> f.kind() == IntegrationKind.MAIL_PROVIDER).toList();
        this.registry = registry;
        this.context = context;
    }

    @Override
    public List<String> names() {
        return providers.stream().map(IntegrationFactory::name).toList();
    }

    @Override
    public boolean configured(String name) {
        return find(name).map(registry::enabled).orElse(false);
    }

    @Override
    public MailboxProvisioning mailboxes(String name) {
        return port(name, MailboxProvisioning.class);
    }

    @Override
    public ProviderDnsNeeds dns(String name) {
        return port(name, ProviderDnsNeeds.class);
    }

    @Override
    public ProviderHealth health(String name) {
        return port(name, ProviderHealth.class);
    }

    /** One object per provider implements its three ports; it is built once, on first use of any of them. */
    private <T> T port(String name, Class<T> type) {
        IntegrationFactory f = find(name).orElseThrow(() -> new MailboxProvisioningException(
                MailboxProvisioningException.Reason.NOT_CONFIGURED,
                "no provider '" + name + "'; choose one of " + String.join(", ", names())));
        try {
            return registry.port(f, type, context);
        } catch (IntegrationConfigurationException e) {
            boolean disabled = registry.flag(f).filter(on -> !on).isPresent();
            throw new MailboxProvisioningException(MailboxProvisioningException.Reason.NOT_CONFIGURED, (disabled ? ""
                    : f.name() + " is not configured: ") + String.join("; ", e.problems()) + " (docs/providers.md)");
        }
    }

    private java.util.Optional<IntegrationFactory> find(String name) {
        return providers.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}

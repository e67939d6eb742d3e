package net.azt3knet.testkit.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.domain.dns.ProviderDns;
import net.azt3knet.ports.out.mailbox.DkimKey;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.ports.out.mailbox.ProviderCapabilities;
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import net.azt3knet.ports.out.mailbox.ProviderHealth;

/**
 * A mail provider in memory ({@link MailboxProvisioning}, {@link ProviderDnsNeeds}, {@link ProviderHealth}), with the passwords it was given kept for assertions, a count of writes, and
 * an optional fault hook that may fail a write before (or, for creates, after) it takes effect, a listing
 * (operation {@code list}) or the check (operation {@code check}).
 */
public final class InMemoryMailboxProvisioning implements MailboxProvisioning, ProviderDnsNeeds, ProviderHealth {

    /** When a fault strikes: before the write, or after it took effect (an answer lost on the way back). */
    public enum When { BEFORE, AFTER }

    /** Decides, per write, whether it fails; returns null to let it through. */
    public interface Faults {
        Fault next(String operation, String address);
    }

    /** A failure to inject. */
    public record Fault(Reason reason, When when) {
    }

    private record Box(String address, String displayName, String owner, Secret password, String reference) {
    }

    private final ProviderCapabilities capabilities;
    private final Map<String, Box> boxes = new TreeMap<>();
    private final List<String> domains = new ArrayList<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Faults faults = (operation, address) -> null;

    public InMemoryMailboxProvisioning(String name, boolean hostsMailboxes) {
        this.capabilities = new ProviderCapabilities(name, hostsMailboxes, !hostsMailboxes, !hostsMailboxes, "memory:" + name);
    }

    public void faults(Faults faults) {
        this.faults = faults;
    }

    /** Puts a mailbox there as someone else would have (no owner tag). */
    public synchronized void foreign(String address, String displayName) {
        boxes.put(key(address), new Box(address, displayName, null, null, "foreign-" + sequence.incrementAndGet()));
    }

    /** The password the provider holds for {@code address}, if any. */
    public synchronized Optional<Secret> password(String address) {
        return Optional.ofNullable(boxes.get(key(address))).map(Box::password);
    }

    /** Every address held, sorted. */
    public synchronized List<String> addresses() {
        return boxes.values().stream().map(Box::address).toList();
    }

    /** Writes that took effect or were attempted (create, update, delete, domain). */
    public long writes() {
        return writes.get();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void check() {
        Fault f = faults.next("check", "");
        if (f != null) throw new MailboxProvisioningException(f.reason, "injected " + f.reason + " on check");
    }

    @Override
    public synchronized List<String> domainChanges(String domain) {
        return domains.contains(domain) ? List.of() : List.of("add the domain");
    }

    @Override
    public synchronized int ensureDomain(String domain) {
        if (domains.contains(domain)) return 0;
        writes.incrementAndGet();
        domains.add(domain);
        return 1;
    }

    /** Loses the domain's settings, as when an operator removes the domain's DKIM key at the provider. */
    public synchronized void forgetDomain(String domain) {
        domains.remove(domain);
    }

    @Override
    public List<ExistingMailbox> list(String domain) {
        Fault f = faults.next("list", domain);
        if (f != null) throw new MailboxProvisioningException(f.reason, "injected " + f.reason + " on list");
        return listed(domain);
    }

    private synchronized List<ExistingMailbox> listed(String domain) {
        return boxes.values().stream().filter(b -> b.address.endsWith("@" + domain)).map(InMemoryMailboxProvisioning::view).toList();
    }

    @Override
    public synchronized Optional<ExistingMailbox> find(String address) {
        return Optional.ofNullable(boxes.get(key(address))).map(InMemoryMailboxProvisioning::view);
    }

    @Override
    public ExistingMailbox create(NewMailbox m) {
        return write("create", m.address(), () -> {
            if (boxes.containsKey(key(m.address()))) {
                throw new MailboxProvisioningException(Reason.ALREADY_EXISTS, m.address() + " already exists");
            }
            Box b = new Box(m.address(), m.displayName(), m.owner(), m.password(), "ref-" + sequence.incrementAndGet());
            boxes.put(key(m.address()), b);
            return view(b);
        });
    }

    @Override
    public void update(ExistingMailbox mailbox, MailboxUpdate update) {
        write("update", mailbox.address(), () -> {
            Box b = boxes.get(key(mailbox.address()));
            if (b == null) throw new MailboxProvisioningException(Reason.REJECTED, mailbox.address() + " does not exist");
            boxes.put(key(b.address), new Box(b.address, update.displayName() != null ? update.displayName() : b.displayName,
                    b.owner, update.password() != null ? update.password() : b.password, b.reference));
            return null;
        });
    }

    @Override
    public void delete(ExistingMailbox mailbox) {
        write("delete", mailbox.address(), () -> boxes.remove(key(mailbox.address())));
    }

    @Override
    public synchronized Optional<DkimKey> dkim(String domain) {
        return domains.contains(domain)
                ? Optional.of(new DkimKey("dkim", "dkim._domainkey." + domain, "v=DKIM1;k=rsa;p=MEMORY", "n/a"))
                : Optional.empty();
    }

    @Override
    public synchronized ProviderDns dnsNeeds(String domain) {
        List<ProviderDns.Record> records = dkim(domain).map(k -> List.of(new ProviderDns.Record(k.recordName(), "TXT", k.value())))
                .orElse(List.of());
        return new ProviderDns(capabilities().name(), capabilities().hostsMailboxes(), Optional.empty(), List.of(), records, false);
    }

    private <T> T write(String operation, String address, java.util.function.Supplier<T> effect) {
        writes.incrementAndGet();
        Fault f = faults.next(operation, address);
        if (f != null && f.when == When.BEFORE) throw new MailboxProvisioningException(f.reason, "injected " + f.reason + " on " + operation);
        T result;
        synchronized (this) {
            result = effect.get();
        }
        if (f != null) throw new MailboxProvisioningException(f.reason, "injected " + f.reason + " after " + operation);
        return result;
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    private static ExistingMailbox view(Box b) {
        return new ExistingMailbox(b.address, b.displayName, b.reference, b.owner, "active");
    }

    /** Providers by name, for wiring fakes into the application. */
    public static MailProviders providers(InMemoryMailboxProvisioning... all) {
        return providers(List.of(all));
    }

    /**
     * Providers by name, for wiring any provider into the application: each one object implementing the three ports
     * of a mail provider, as the registry requires. {@code notConfigured} are names the build knows whose settings
     * are missing: listed, not configured, and failing as the registry fails when asked for.
     */
    public static <P extends MailboxProvisioning & ProviderDnsNeeds & ProviderHealth> MailProviders providers(
            List<P> all, String... notConfigured) {
        SortedSet<String> names = new TreeSet<>(List.of(notConfigured));
        Map<String, P> byName = new TreeMap<>();
        for (P p : all) byName.put(p.capabilities().name(), p);
        names.addAll(byName.keySet());
        Function<String, P> get = name -> {
            P p = byName.get(name);
            if (p == null) {
                throw new MailboxProvisioningException(Reason.NOT_CONFIGURED, names.contains(name)
                        ? name + " is not configured" : "no provider " + name);
            }
            return p;
        };
        return new MailProviders() {
            @Override
            public List<String> names() {
                return List.copyOf(names);
            }

            @Override
            public boolean configured(String name) {
                return byName.containsKey(name);
            }

            @Override
            public MailboxProvisioning mailboxes(String name) {
                return get.apply(name);
            }

            @Override
            public ProviderDnsNeeds dns(String name) {
                return get.apply(name);
            }

            @Override
            public ProviderHealth health(String name) {
                return get.apply(name);
            }
        };
    }
}

package org.example.maildrop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import net.azt3knet.domain.dns.ProviderDns;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.ports.out.mailbox.DkimKey;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.ports.out.mailbox.ProviderCapabilities;
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import net.azt3knet.ports.out.mailbox.ProviderHealth;

/** Mailboxes as files {@code <dir>/<address>}: display name, owner and quota; never the password. */
public final class MaildropMailboxProvisioning implements MailboxProvisioning, ProviderDnsNeeds, ProviderHealth {

    private final MaildropSettings settings;

    public MaildropMailboxProvisioning(MaildropSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return new ProviderCapabilities("maildrop", true, false, false, settings.dir().toString(), false);
    }

    @Override
    public void check() {
        if (!Files.isDirectory(settings.dir()) || !Files.isWritable(settings.dir())) {
            throw new MailboxProvisioningException(Reason.UNREACHABLE, "maildrop: " + settings.dir()
                    + " is not a writable directory; create it or fix MAILDROP_DIR");
        }
    }

    @Override
    public List<String> domainChanges(String domain) {
        return List.of(); // a directory needs no domain set-up
    }

    @Override
    public int ensureDomain(String domain) {
        check();
        return 0; // a directory needs no domain set-up
    }

    @Override
    public List<ExistingMailbox> list(String domain) {
        List<ExistingMailbox> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(settings.dir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("@" + domain.toLowerCase(Locale.ROOT))).toList()) {
                out.add(read(f));
            }
        } catch (IOException e) {
            throw failure("list " + domain, e);
        }
        return out;
    }

    @Override
    public Optional<ExistingMailbox> find(String address) {
        Path f = file(address);
        return Files.exists(f) ? Optional.of(read(f)) : Optional.empty();
    }

    @Override
    public ExistingMailbox create(NewMailbox mailbox) {
        try {
            Files.writeString(file(mailbox.address()), text(mailbox.displayName(), mailbox.owner()), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new MailboxProvisioningException(Reason.ALREADY_EXISTS, "maildrop already holds " + mailbox.address());
        } catch (IOException e) {
            throw failure("create " + mailbox.address(), e);
        }
        return find(mailbox.address()).orElseThrow();
    }

    @Override
    public void update(ExistingMailbox mailbox, MailboxUpdate update) {
        String name = update.displayName() == null ? mailbox.displayName() : update.displayName();
        try {
            Files.writeString(file(mailbox.address()), text(name, mailbox.owner()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure("update " + mailbox.address(), e);
        }
    }

    @Override
    public void delete(ExistingMailbox mailbox) {
        try {
            Files.deleteIfExists(file(mailbox.address()));
        } catch (IOException e) {
            throw failure("delete " + mailbox.address(), e);
        }
    }

    @Override
    public Optional<DkimKey> dkim(String domain) {
        return Optional.empty();
    }

    @Override
    public ProviderDns dnsNeeds(String domain) {
        return new ProviderDns("maildrop", true, Optional.empty(), List.of(), List.of(), false);
    }

    private Path file(String address) {
        return settings.dir().resolve(address.toLowerCase(Locale.ROOT));
    }

    private String text(String displayName, String owner) {
        return "display_name=" + displayName + "\nowner=" + (owner == null ? "" : owner) + "\nquota_mib=" + settings.quotaMiB() + "\n";
    }

    private static ExistingMailbox read(Path f) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(Files.readString(f, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String address = f.getFileName().toString();
        String owner = p.getProperty("owner", "");
        return new ExistingMailbox(address, p.getProperty("display_name", ""), address, owner.isEmpty() ? null : owner, "active");
    }

    private static MailboxProvisioningException failure(String what, IOException e) {
        return new MailboxProvisioningException(Reason.UNREACHABLE, "maildrop cannot " + what + ": " + e.getMessage());
    }
}

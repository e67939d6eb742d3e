package net.azt3knet.adapters.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.domain.dns.ProviderDns;
import net.azt3knet.ports.out.mailbox.DkimKey;
import net.azt3knet.ports.out.mailbox.MailboxDirectory;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.ports.out.mailbox.ProviderCapabilities;
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import net.azt3knet.ports.out.mailbox.ProviderHealth;

/**
 * The embedded provider: mailboxes in Azt3kNet's own database ({@code local_domain}, {@code local_mailbox}, created
 * by this module's migrations, {@link LocalIntegration#SCHEMA}), so a population gets reachable identities without any account. Mail for them
 * arrives through {@code serve}'s SMTP gateway, which asks this {@link MailboxDirectory} whom it receives for. Passwords
 * are kept only as salted hashes.
 */
public final class LocalMailboxProvisioning implements MailboxProvisioning, ProviderDnsNeeds, ProviderHealth, MailboxDirectory {

    private static final ProviderCapabilities CAPABILITIES =
            new ProviderCapabilities("local", true, false, false, "the embedded database", false);
    private static final String COLUMNS = "address, display_name, owner";

    private final DataSource db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LocalMailboxProvisioning(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T sql(String doing, Work<T> work) {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) throw new MailboxProvisioningException(Reason.ALREADY_EXISTS, doing + ": it exists already");
            throw new MailboxProvisioningException(Reason.UNREACHABLE, "cannot " + doing + " in the local provider: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    @Override
    public ProviderCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void check() {
        sql("reach the local mailboxes", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM local_mailbox")) {
                s.executeQuery().close();
            }
            return null;
        });
    }

    @Override
    public List<String> domainChanges(String domain) {
        return sql("read domain " + domain, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM local_domain WHERE domain = ?")) {
                s.setString(1, domain.toLowerCase(Locale.ROOT));
                try (var r = s.executeQuery()) {
                    return r.next() ? List.<String>of() : List.of("add the domain");
                }
            }
        });
    }

    @Override
    public boolean hasMailbox(String address) {
        return exists("SELECT 1 FROM local_mailbox WHERE address = ?", address);
    }

    @Override
    public boolean hasDomain(String domain) {
        return exists("SELECT 1 FROM local_domain WHERE domain = ?", domain);
    }

    private boolean exists(String query, String key) {
        return sql("look up " + key, c -> {
            try (PreparedStatement s = c.prepareStatement(query)) {
                s.setString(1, key.strip().toLowerCase(Locale.ROOT));
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public int ensureDomain(String domain) {
        return sql("add domain " + domain, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO local_domain (domain, created_at) VALUES (?, ?) ON CONFLICT (domain) DO NOTHING")) {
                s.setString(1, domain.toLowerCase(Locale.ROOT));
                s.setTimestamp(2, now());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<ExistingMailbox> list(String domain) {
        return sql("list the mailboxes of " + domain, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM local_mailbox WHERE domain = ? ORDER BY address")) {
                s.setString(1, domain.toLowerCase(Locale.ROOT));
                List<ExistingMailbox> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(mailbox(r));
                }
                return out;
            }
        });
    }

    @Override
    public Optional<ExistingMailbox> find(String address) {
        return sql("read mailbox " + address, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM local_mailbox WHERE address = ?")) {
                s.setString(1, address.toLowerCase(Locale.ROOT));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(mailbox(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public ExistingMailbox create(NewMailbox m) {
        String address = m.address().toLowerCase(Locale.ROOT);
        return sql("create mailbox " + m.address(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO local_mailbox (address, domain, display_name, owner,"
                    + " password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, address);
                s.setString(2, m.domain().toLowerCase(Locale.ROOT));
                s.setString(3, m.displayName());
                s.setString(4, m.owner());
                s.setString(5, m.password() == null ? null : hash(m.password()));
                s.setTimestamp(6, now());
                s.setTimestamp(7, now());
                s.executeUpdate();
            } catch (SQLException e) {
                if ("23503".equals(e.getSQLState())) {
                    throw new MailboxProvisioningException(Reason.REJECTED, "the local provider has no domain " + m.domain());
                }
                throw e;
            }
            return new ExistingMailbox(address, m.displayName(), address, m.owner(), "active");
        });
    }

    @Override
    public void update(ExistingMailbox mailbox, MailboxUpdate update) {
        int n = sql("update mailbox " + mailbox.address(), c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE local_mailbox SET display_name = COALESCE(?, display_name),"
                    + " password_hash = COALESCE(?, password_hash), updated_at = ? WHERE address = ?")) {
                s.setString(1, update.displayName());
                s.setString(2, update.password() == null ? null : hash(update.password()));
                s.setTimestamp(3, now());
                s.setString(4, mailbox.address().toLowerCase(Locale.ROOT));
                return s.executeUpdate();
            }
        });
        if (n == 0) throw new MailboxProvisioningException(Reason.REJECTED, "the local provider has no mailbox " + mailbox.address());
    }

    @Override
    public void delete(ExistingMailbox mailbox) {
        sql("delete mailbox " + mailbox.address(), c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM local_mailbox WHERE address = ?")) {
                s.setString(1, mailbox.address().toLowerCase(Locale.ROOT));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<DkimKey> dkim(String domain) {
        return Optional.empty(); // the local provider signs nothing yet: serve's outbound path will hold the key
    }

    /** The local provider hosts mailboxes at the mail host ({@code serve}); it signs nothing yet. */
    @Override
    public ProviderDns dnsNeeds(String domain) {
        return new ProviderDns("local", true, Optional.empty(), List.of(), List.of(), false);
    }

    /** True when {@code password} is the one set for {@code address}; constant-time comparison. */
    boolean authenticates(String address, Secret password) {
        String stored = sql("read mailbox " + address, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT password_hash FROM local_mailbox WHERE address = ?")) {
                s.setString(1, address.toLowerCase(Locale.ROOT));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
        if (stored == null) return false;
        String[] parts = stored.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[1]);
        return MessageDigest.isEqual(Base64.getDecoder().decode(parts[2]), digest(salt, password));
    }

    /** {@code sha256$salt$digest}: the password is 20 random characters, so a fast salted hash suffices. */
    private String hash(Secret password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "sha256$" + b64.encodeToString(salt) + "$" + b64.encodeToString(digest(salt, password));
    }

    private static byte[] digest(byte[] salt, Secret password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.reveal().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static ExistingMailbox mailbox(ResultSet r) throws SQLException {
        String address = r.getString(1);
        return new ExistingMailbox(address, r.getString(2), address, r.getString(3), "active");
    }
}

package net.azt3knet.application;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.in.ManageGatewayUsersUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.submission.GatewayUserStore;
import net.azt3knet.ports.out.submission.GatewayUserStore.StoredGatewayUser;
import net.azt3knet.ports.out.submission.SubmissionUser;
import net.azt3knet.ports.out.submission.SubmissionUsers;

/**
 * Gateway users, hashed as API tokens are ({@link ManageApiTokensService}): a generated 256-bit password kept as a
 * SHA-256 (a slow hash adds nothing to that much entropy), compared in constant time, and as long for an unknown
 * name as for a wrong password.
 */
public final class ManageGatewayUsersService implements ManageGatewayUsersUseCase, SubmissionUsers {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final byte[] NO_USER = new byte[32];

    private final GatewayUserStore store;
    private final AuditTrail audit;
    private final RandomGenerator random;
    private final Clock clock;

    /** @param random a cryptographically strong generator ({@code SecureRandom}) */
    public ManageGatewayUsersService(GatewayUserStore store, AuditTrail audit, RandomGenerator random, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public IssuedGatewayUser create(String name, Set<String> domains, String actor) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RejectedCommandException("NAME '" + name + "' is not a gateway user name: 1-64 characters of a-z, 0-9, '.', '_'"
                    + " and '-', starting with a letter or digit, e.g. newsletter");
        }
        Set<String> granted = new TreeSet<>();
        for (String d : domains) {
            String domain = d.strip().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                throw new RejectedCommandException("--domain '" + d + "' is not a domain name, e.g. agents.example.org");
            }
            granted.add(domain);
        }
        if (granted.isEmpty()) throw new RejectedCommandException("--domain is required: the sender domains this user may send as");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        if (!store.add(new StoredGatewayUser(name, granted, Digests.sha256(password), clock.instant(), null))) {
            throw new RejectedCommandException("a gateway user named '" + name + "' exists already; choose another NAME, or revoke it"
                    + " first with 'azt3knet smtp-users revoke " + name + "'");
        }
        audit.append(AuditEvent.ok(actor, "smtp.user.create", "smtp-user:" + name, Map.of("domains", String.join(",", granted))));
        return new IssuedGatewayUser(name, Set.copyOf(granted), password);
    }

    @Override
    public List<GatewayUserInfo> list() {
        return store.list().stream().map(u -> new GatewayUserInfo(u.name(), u.domains(), u.createdAt(), u.revokedAt())).toList();
    }

    @Override
    public void revoke(String name, String actor) {
        if (!store.revoke(name, clock.instant())) {
            throw new RejectedCommandException("no valid gateway user is named '" + name + "'; 'azt3knet smtp-users list' shows them");
        }
        audit.append(AuditEvent.ok(actor, "smtp.user.revoke", "smtp-user:" + name, Map.of()));
    }

    @Override
    public Optional<SubmissionUser> authenticate(String username, String password) {
        if (username == null || password == null) return Optional.empty();
        Optional<StoredGatewayUser> stored = NAME.matcher(username).matches() ? store.find(username) : Optional.empty();
        byte[] presented = Digests.sha256(password);
        // Compare even when the name is unknown, so the time taken does not tell which names exist.
        boolean equal = MessageDigest.isEqual(stored.map(StoredGatewayUser::hash).orElse(NO_USER), presented);
        if (!equal || stored.isEmpty() || stored.get().revokedAt() != null) return Optional.empty();
        return Optional.of(new SubmissionUser(username, Set.of(), stored.get().domains()));
    }
}

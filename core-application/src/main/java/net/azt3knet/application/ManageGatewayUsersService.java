package net.azt3knet.application;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import net.azt3knet.ports.in.ManageGatewayUsersUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.submission.GatewayUserStore;
import net.azt3knet.ports.out.submission.GatewayUserStore.StoredGatewayUser;
import net.azt3knet.ports.out.submission.SubmissionUser;
import net.azt3knet.ports.out.submission.SubmissionUsers;

/** Gateway users: a generated password kept and checked as {@link HashedSecrets} keeps API tokens, found by the user's name. */
public final class ManageGatewayUsersService implements ManageGatewayUsersUseCase, SubmissionUsers {

    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final HashedSecrets.Kind KIND = new HashedSecrets.Kind("gateway user", "NAME", "newsletter", "smtp-users",
            "smtp.user", "smtp-user");

    private final GatewayUserStore store;
    private final HashedSecrets<StoredGatewayUser> secrets;

    /** @param random a cryptographically strong generator ({@code SecureRandom}) */
    public ManageGatewayUsersService(GatewayUserStore store, AuditTrail audit, RandomGenerator random, Clock clock) {
        this.store = store;
        this.secrets = new HashedSecrets<>(store, KIND, audit, random, clock);
    }

    @Override
    public IssuedGatewayUser create(String name, Set<String> domains, String actor) {
        secrets.checkName(name);
        Set<String> granted = new TreeSet<>();
        for (String d : domains) {
            String domain = d.strip().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                throw new RejectedCommandException("--domain '" + d + "' is not a domain name, e.g. agents.example.org");
            }
            granted.add(domain);
        }
        if (granted.isEmpty()) throw new RejectedCommandException("--domain is required: the sender domains this user may send as");
        String password = secrets.create(name, f -> new StoredGatewayUser(name, granted, f.hash(), f.createdAt(), null),
                Map.of("domains", String.join(",", granted)), actor);
        return new IssuedGatewayUser(name, Set.copyOf(granted), password);
    }

    @Override
    public List<GatewayUserInfo> list() {
        return store.list().stream().map(u -> new GatewayUserInfo(u.name(), u.domains(), u.createdAt(), u.revokedAt())).toList();
    }

    @Override
    public void revoke(String name, String actor) {
        secrets.revoke(name, actor);
    }

    @Override
    public Optional<SubmissionUser> authenticate(String username, String password) {
        if (username == null || password == null) return Optional.empty();
        return secrets.authenticate(HashedSecrets.isName(username) ? username : null, password)
                .map(u -> new SubmissionUser(username, Set.of(), u.domains()));
    }
}

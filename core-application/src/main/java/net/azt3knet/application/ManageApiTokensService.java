package net.azt3knet.application;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.in.ManageApiTokensUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.access.ApiTokenStore;
import net.azt3knet.ports.out.access.ApiTokenStore.StoredToken;
import net.azt3knet.ports.out.audit.AuditTrail;

/**
 * Tokens look like {@code azt_<id>_<secret>}: the id (60 random bits) finds the row, the secret (256 random bits)
 * is compared as a SHA-256 in constant time. Only the hash is stored, so a database leak yields no usable token.
 */
public final class ManageApiTokensService implements ManageApiTokensUseCase {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern TOKEN = Pattern.compile("azt_([a-z2-7]{12})_([A-Za-z0-9_-]{43})");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final ApiTokenStore store;
    private final AuditTrail audit;
    private final RandomGenerator random;
    private final Clock clock;

    /** @param random a cryptographically strong generator ({@code SecureRandom}) */
    public ManageApiTokensService(ApiTokenStore store, AuditTrail audit, RandomGenerator random, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public IssuedToken create(String name, Role role, String actor) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RejectedCommandException("--name '" + name + "' is not a token name: 1-64 characters of a-z, 0-9, '.', '_'"
                    + " and '-', starting with a letter or digit, e.g. ci-pipeline");
        }
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) id[i] = BASE32[random.nextInt(32)];
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        StoredToken stored = new StoredToken(new String(id), name, role.word(), Digests.sha256(secretText), clock.instant(), null);
        if (!store.add(stored)) {
            throw new RejectedCommandException("a token named '" + name + "' exists already; choose another --name, or revoke it"
                    + " first with 'azt3knet tokens revoke " + name + "'");
        }
        audit.append(AuditEvent.ok(actor, "api.token.create", "token:" + name, Map.of("role", role.word())));
        return new IssuedToken(name, role, "azt_" + stored.id() + "_" + secretText);
    }

    @Override
    public List<TokenInfo> list() {
        return store.list().stream().map(t -> new TokenInfo(t.name(), Role.parse(t.role()), t.createdAt(), t.revokedAt())).toList();
    }

    @Override
    public void revoke(String name, String actor) {
        if (!store.revoke(name, clock.instant())) {
            throw new RejectedCommandException("no valid token is named '" + name + "'; 'azt3knet tokens list' shows them");
        }
        audit.append(AuditEvent.ok(actor, "api.token.revoke", "token:" + name, Map.of()));
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        if (token == null) return Optional.empty();
        var m = TOKEN.matcher(token);
        if (!m.matches()) return Optional.empty();
        Optional<StoredToken> stored = store.find(m.group(1));
        byte[] presented = Digests.sha256(m.group(2));
        // Compare even when the id is unknown, so the time taken does not tell which ids exist.
        byte[] expected = stored.map(StoredToken::hash).orElseGet(() -> new byte[presented.length]);
        boolean equal = MessageDigest.isEqual(expected, presented);
        if (!equal || stored.isEmpty() || stored.get().revokedAt() != null) return Optional.empty();
        return Optional.of(new Principal(stored.get().name(), Role.parse(stored.get().role())));
    }
}

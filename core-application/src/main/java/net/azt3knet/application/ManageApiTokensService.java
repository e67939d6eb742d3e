package net.azt3knet.application;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import net.azt3knet.ports.in.ManageApiTokensUseCase;
import net.azt3knet.ports.out.access.ApiTokenStore;
import net.azt3knet.ports.out.access.ApiTokenStore.StoredToken;
import net.azt3knet.ports.out.audit.AuditTrail;

/**
 * Tokens look like {@code azt_<id>_<secret>}: the id (60 random bits) finds the row, the secret (256 random bits) is
 * kept and checked as {@link HashedSecrets} keeps and checks every hashed credential.
 */
public final class ManageApiTokensService implements ManageApiTokensUseCase {

    private static final Pattern TOKEN = Pattern.compile("azt_([a-z2-7]{12})_([A-Za-z0-9_-]{43})");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final HashedSecrets.Kind KIND = new HashedSecrets.Kind("token", "--name", "ci-pipeline", "tokens", "api.token",
            "token");

    private final ApiTokenStore store;
    private final HashedSecrets<StoredToken> secrets;
    private final RandomGenerator random;

    /** @param random a cryptographically strong generator ({@code SecureRandom}) */
    public ManageApiTokensService(ApiTokenStore store, AuditTrail audit, RandomGenerator random, Clock clock) {
        this.store = store;
        this.secrets = new HashedSecrets<>(store, KIND, audit, random, clock);
        this.random = random;
    }

    @Override
    public IssuedToken create(String name, Role role, String actor) {
        secrets.checkName(name);
        char[] chars = new char[12];
        for (int i = 0; i < chars.length; i++) chars[i] = BASE32[random.nextInt(32)];
        String id = new String(chars);
        String secret = secrets.create(name, f -> new StoredToken(id, name, role.word(), f.hash(), f.createdAt(), null),
                Map.of("role", role.word()), actor);
        return new IssuedToken(name, role, "azt_" + id + "_" + secret);
    }

    @Override
    public List<TokenInfo> list() {
        return store.list().stream().map(t -> new TokenInfo(t.name(), Role.parse(t.role()), t.createdAt(), t.revokedAt())).toList();
    }

    @Override
    public void revoke(String name, String actor) {
        secrets.revoke(name, actor);
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        if (token == null) return Optional.empty();
        var m = TOKEN.matcher(token);
        if (!m.matches()) return Optional.empty();
        return secrets.authenticate(m.group(1), m.group(2)).map(t -> new Principal(t.name(), Role.parse(t.role())));
    }
}

package net.azt3knet.application;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.access.HashedSecretStore;
import net.azt3knet.ports.out.audit.AuditTrail;

/**
 * What API tokens and gateway users share: a generated 256-bit secret kept as a SHA-256 only (a slow hash adds nothing
 * to that much entropy, and a database leak yields no usable credential), compared in constant time and as long for
 * an unknown key as for a wrong secret; unique names; create and revoke audited.
 *
 * @param <S> the stored credential
 */
final class HashedSecrets<S extends HashedSecretStore.Stored> {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final byte[] UNKNOWN = new byte[32];

    /**
     * How one kind of credential is named to people and in the audit trail.
     *
     * @param noun       {@code token}, {@code gateway user}
     * @param nameOption where the name was given: {@code --name}, {@code NAME}
     * @param example    a valid name
     * @param command    the CLI command that manages them: {@code tokens}, {@code smtp-users}
     * @param action     the audit action's prefix: {@code api.token}, {@code smtp.user}
     * @param target     the audit target's prefix: {@code token}, {@code smtp-user}
     */
    record Kind(String noun, String nameOption, String example, String command, String action, String target) {
    }

    private final HashedSecretStore<S> store;
    private final Kind kind;
    private final AuditTrail audit;
    private final RandomGenerator random;
    private final Clock clock;

    HashedSecrets(HashedSecretStore<S> store, Kind kind, AuditTrail audit, RandomGenerator random, Clock clock) {
        this.store = store;
        this.kind = kind;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @throws RejectedCommandException naming the field and what a name looks like */
    void checkName(String name) {
        if (!isName(name)) {
            throw new RejectedCommandException(kind.nameOption() + " '" + name + "' is not a " + kind.noun() + " name: 1-64 characters"
                    + " of a-z, 0-9, '.', '_' and '-', starting with a letter or digit, e.g. " + kind.example());
        }
    }

    /**
     * Generates a secret, stores the credential {@code made} builds from its hash and the time, and audits it.
     *
     * @return the secret, shown once: only its hash is kept
     * @throws RejectedCommandException when the name is taken
     */
    String create(String name, Function<Fresh, S> made, Map<String, String> details, String actor) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        if (!store.add(made.apply(new Fresh(Digests.sha256(text), clock.instant())))) {
            throw new RejectedCommandException("a " + kind.noun() + " named '" + name + "' exists already; choose another "
                    + kind.nameOption() + ", or revoke it first with 'azt3knet " + kind.command() + " revoke " + name + "'");
        }
        audit.append(AuditEvent.ok(actor, kind.action() + ".create", kind.target() + ":" + name, details));
        return text;
    }

    /** The parts of a new credential that are not the caller's: its hash and creation time. */
    record Fresh(byte[] hash, Instant createdAt) {
    }

    void revoke(String name, String actor) {
        if (!store.revoke(name, clock.instant())) {
            throw new RejectedCommandException("no valid " + kind.noun() + " is named '" + name + "'; 'azt3knet " + kind.command()
                    + " list' shows them");
        }
        audit.append(AuditEvent.ok(actor, kind.action() + ".revoke", kind.target() + ":" + name, Map.of()));
    }

    /**
     * The valid credential whose key is {@code key} and whose secret is {@code secret}, or empty.
     *
     * @param key null when the presented key cannot be one: the hash is compared all the same
     */
    Optional<S> authenticate(String key, String secret) {
        Optional<S> stored = key == null ? Optional.empty() : store.find(key);
        byte[] presented = Digests.sha256(secret);
        // Compare even when the key is unknown, so the time taken does not tell which keys exist.
        boolean equal = MessageDigest.isEqual(stored.map(S::hash).orElse(UNKNOWN), presented);
        if (!equal || stored.isEmpty() || stored.get().revokedAt() != null) return Optional.empty();
        return stored;
    }
}

package net.azt3knet.testkit.fakes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.azt3knet.ports.out.submission.SubmissionUser;
import net.azt3knet.ports.out.submission.SubmissionUsers;

/** {@link SubmissionUsers} in memory: passwords kept as SHA-256 digests and compared in constant time. */
public final class InMemorySubmissionUsers implements SubmissionUsers {

    private record Account(SubmissionUser user, byte[] digest) {
    }

    /** Compared against when the name is unknown, so that answer takes as long as a wrong password. */
    private static final byte[] NOBODY = digest("");

    private final Map<String, Account> byName = new ConcurrentHashMap<>();

    /** Adds a user who owns {@code addresses} and every address on {@code domains}. */
    public InMemorySubmissionUsers add(String name, String password, Set<String> addresses, Set<String> domains) {
        byName.put(name, new Account(new SubmissionUser(name, addresses, domains), digest(password)));
        return this;
    }

    @Override
    public Optional<SubmissionUser> authenticate(String username, String password) {
        Account a = byName.get(username);
        boolean match = MessageDigest.isEqual(digest(password), a == null ? NOBODY : a.digest());
        return a != null && match ? Optional.of(a.user()) : Optional.empty();
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package net.azt3knet.domain.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Something that happened, before it is sealed into the audit chain: who did what to what, how it ended, and
 * details. Details are plain facts; a detail whose name suggests a secret is refused, so a password or key cannot be
 * recorded by mistake.
 *
 * @param actor   who acted, e.g. {@code cli:alice}
 * @param action  dotted verb, e.g. {@code population.persist}
 * @param target  what it acted on, e.g. {@code population:3f2a…}
 * @param outcome {@code ok}, {@code failed}, …
 * @param details further facts, sorted by name
 */
public record AuditEvent(String actor, String action, String target, String outcome, Map<String, String> details) {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(password|secret|passphrase|token|private|plaintext|_key$|^key$).*");

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        details = Map.copyOf(details == null ? Map.of() : details);
        for (String name : details.keySet()) {
            if (SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("audit detail '" + name + "' looks like a secret; the audit trail never holds secrets");
            }
        }
    }

    /** An event with outcome {@code ok}. */
    public static AuditEvent ok(String actor, String action, String target, Map<String, String> details) {
        return new AuditEvent(actor, action, target, "ok", details);
    }

    /** This event with one more detail (or a detail replaced), e.g. a count known only once the work is done. */
    public AuditEvent withDetail(String name, String value) {
        java.util.Map<String, String> more = new java.util.HashMap<>(details);
        more.put(name, value);
        return new AuditEvent(actor, action, target, outcome, more);
    }

    /** The details sorted by name, the order they are hashed and shown in. */
    public TreeMap<String, String> sortedDetails() {
        return new TreeMap<>(details);
    }
}

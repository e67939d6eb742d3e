package net.azt3knet.ports.out.submission;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Someone who may submit mail through the gateway, and the senders they own: whole addresses (an agent's own) and
 * domains (a gateway user's grants). Compared case-insensitively.
 */
public record SubmissionUser(String name, Set<String> addresses, Set<String> domains) {

    public SubmissionUser {
        Objects.requireNonNull(name, "name");
        addresses = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** True when this user may send as {@code address}: it is one of theirs or on one of their domains. */
    public boolean owns(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        return addresses.contains(a) || (at > 0 && domains.contains(a.substring(at + 1)));
    }
}

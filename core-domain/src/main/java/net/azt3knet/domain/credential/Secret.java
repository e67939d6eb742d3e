package net.azt3knet.domain.credential;

import java.util.Objects;

/**
 * A secret text (a password, an API token). Its {@link #toString()} never shows the value, so a secret that ends
 * up in a log line, an exception message or a debugger prints as {@code ***}; {@link #reveal()} is the one way out.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps {@code value}, which must not be empty. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) throw new IllegalArgumentException("a secret cannot be empty");
        return new Secret(value);
    }

    /** The secret itself: call it only where the value leaves for its one legitimate destination. */
    public String reveal() {
        return value;
    }

    /** Constant-time comparison, so timing does not tell how much of a guess was right. */
    public boolean matches(Secret other) {
        return java.security.MessageDigest.isEqual(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && matches(other);
    }

    @Override
    public int hashCode() {
        return 0; // a hash of the value would leak a little of it; secrets are never hash keys
    }

    @Override
    public String toString() {
        return "***";
    }
}

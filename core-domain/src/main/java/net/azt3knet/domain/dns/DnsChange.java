package net.azt3knet.domain.dns;

import java.util.Objects;

/**
 * One RRset written: created, replaced or deleted.
 *
 * @param kind   what happens
 * @param before the set as the zone holds it (null for a create)
 * @param after  the set as it will be (null for a delete)
 */
public record DnsChange(Kind kind, Rrset before, Rrset after) {

    /** What happens to the set. */
    public enum Kind {
        CREATE('+'), UPDATE('~'), DELETE('-');

        private final char symbol;

        Kind(char symbol) {
            this.symbol = symbol;
        }

        /** {@code +}, {@code ~} or {@code -}, as plans print it. */
        public char symbol() {
            return symbol;
        }
    }

    public DnsChange {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.CREATE) != (before == null) || (kind == Kind.DELETE) != (after == null)) {
            throw new IllegalArgumentException(kind + " needs " + (kind == Kind.CREATE ? "no before" : "a before")
                    + " and " + (kind == Kind.DELETE ? "no after" : "an after"));
        }
    }

    public String subname() {
        return after != null ? after.subname() : before.subname();
    }

    public String type() {
        return after != null ? after.type() : before.type();
    }
}

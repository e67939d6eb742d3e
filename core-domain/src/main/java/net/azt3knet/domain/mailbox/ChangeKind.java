package net.azt3knet.domain.mailbox;

/** What a plan does to one mailbox, with the sign {@code mailboxes plan} prints before it. */
public enum ChangeKind {
    /** Absent at the provider: create it. */
    CREATE("+", "create"),
    /** Present and ours, not yet in the ledger (or its create's outcome was unknown): record it, set its password. */
    ADOPT("=", "adopt"),
    /** Ours, but its display name or password is behind. */
    UPDATE("~", "update"),
    /** Present at the provider and not ours. */
    CONFLICT("!", "conflict"),
    /** Teardown: remove it from the provider and the ledger. */
    DELETE("-", "delete"),
    /** Ours and as desired. */
    KEEP(" ", "keep");

    private final String sign;
    private final String word;

    ChangeKind(String sign, String word) {
        this.sign = sign;
        this.word = word;
    }

    /** One character: + = ~ ! - or blank. */
    public String sign() {
        return sign;
    }

    /** The lower-case word used in output. */
    public String word() {
        return word;
    }

    /** True when applying it calls the provider to write. */
    public boolean writes() {
        return this == CREATE || this == ADOPT || this == UPDATE || this == DELETE;
    }
}

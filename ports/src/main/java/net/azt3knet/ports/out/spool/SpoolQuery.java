package net.azt3knet.ports.out.spool;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which spooled messages a listing or a purge is about; every part given must match.
 *
 * @param state         in this state
 * @param sender        the envelope sender ({@code MAIL FROM}) is this address, case-insensitively
 * @param recipient     one of the envelope recipients is this address, case-insensitively
 * @param createdBefore accepted before this instant
 */
public record SpoolQuery(Optional<SpoolState> state, Optional<String> sender, Optional<String> recipient,
                         Optional<Instant> createdBefore) {

    public static final SpoolQuery ALL = new SpoolQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public SpoolQuery {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(createdBefore, "createdBefore");
    }

    public static SpoolQuery in(Optional<SpoolState> state) {
        return new SpoolQuery(state, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** True when no part is given: the query matches every message. */
    public boolean everything() {
        return state.isEmpty() && sender.isEmpty() && recipient.isEmpty() && createdBefore.isEmpty();
    }

    /** True when {@code e} matches. */
    public boolean matches(SpoolEntry e) {
        return state.map(s -> s == e.state()).orElse(true)
                && sender.map(s -> s.equalsIgnoreCase(e.envelope().reversePath())).orElse(true)
                && recipient.map(r -> e.envelope().recipients().stream().anyMatch(r::equalsIgnoreCase)).orElse(true)
                && createdBefore.map(t -> e.createdAt().isBefore(t)).orElse(true);
    }
}

package net.azt3knet.domain.population;

import java.util.List;
import java.util.stream.Collectors;

/** A population spec that cannot be generated, with every problem found (not just the first). */
public final class InvalidSpecException extends IllegalArgumentException {

    private final transient List<SpecViolation> violations;

    public InvalidSpecException(List<SpecViolation> violations) {
        super(violations.stream().map(SpecViolation::message).collect(Collectors.joining("\n")));
        this.violations = List.copyOf(violations);
    }

    public InvalidSpecException(SpecViolation violation) {
        this(List.of(violation));
    }

    /** The problems, in field order. */
    public List<SpecViolation> violations() {
        return violations;
    }
}

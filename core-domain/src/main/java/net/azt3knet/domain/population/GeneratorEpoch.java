package net.azt3knet.domain.population;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A frozen generator version: algorithm plus reference data. Output for a spec and seed never changes within an
 * epoch; changing either means a new epoch, and old epochs stay runnable (docs/determinism.md).
 */
public record GeneratorEpoch(int number, LocalDate defaultReferenceDate) {

    /** The first epoch: ranked name lists, kept runnable and byte-identical for populations made with it. */
    public static final GeneratorEpoch FIRST = new GeneratorEpoch(1, LocalDate.of(2025, 1, 1));
    /** Weighted names by birth cohort and grammatical gender, per-country keys, more countries. */
    public static final GeneratorEpoch SECOND = new GeneratorEpoch(2, LocalDate.of(2025, 1, 1));
    /** The epoch new populations use. */
    public static final GeneratorEpoch CURRENT = SECOND;

    private static final Map<Integer, GeneratorEpoch> SUPPORTED = Map.of(FIRST.number(), FIRST, SECOND.number(), SECOND);

    /** The epoch numbered {@code number}, if this release can still run it. */
    public static Optional<GeneratorEpoch> of(int number) {
        return Optional.ofNullable(SUPPORTED.get(number));
    }

    /** Epoch numbers this release can run, for error messages. */
    public static String supportedList() {
        return SUPPORTED.keySet().stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    }
}

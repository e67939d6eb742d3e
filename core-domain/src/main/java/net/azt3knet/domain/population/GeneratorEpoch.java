package net.azt3knet.domain.population;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A frozen generator version: algorithm plus reference data. Output for a spec and seed never changes within an
 * epoch; changing either means a new epoch, and old epochs stay runnable (docs/determinism.md).
 */
public record GeneratorEpoch(int number, LocalDate defaultReferenceDate) {

    /** The epoch new populations use. */
    public static final GeneratorEpoch CURRENT = new GeneratorEpoch(1, LocalDate.of(2025, 1, 1));

    private static final Map<Integer, GeneratorEpoch> SUPPORTED = Map.of(CURRENT.number(), CURRENT);

    /** The epoch numbered {@code number}, if this release can still run it. */
    public static Optional<GeneratorEpoch> of(int number) {
        return Optional.ofNullable(SUPPORTED.get(number));
    }

    /** Epoch numbers this release can run, for error messages. */
    public static String supportedList() {
        return SUPPORTED.keySet().stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    }
}

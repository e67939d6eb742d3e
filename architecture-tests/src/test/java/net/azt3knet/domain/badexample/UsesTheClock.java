package net.azt3knet.domain.badexample;

import java.time.Instant;
import java.util.Random;

/** Deliberately breaks the determinism rule; only RulesCanFailTest imports it. */
public final class UsesTheClock {

    public long entropy() {
        return Instant.now().toEpochMilli() + new Random().nextLong();
    }
}

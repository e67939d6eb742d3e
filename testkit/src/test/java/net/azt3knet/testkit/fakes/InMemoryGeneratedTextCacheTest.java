package net.azt3knet.testkit.fakes;

import net.azt3knet.ports.out.text.GeneratedTextCache;
import net.azt3knet.testkit.contracts.GeneratedTextCacheContract;

/** The in-memory replay cache obeys the contract the PostgreSQL one does. */
class InMemoryGeneratedTextCacheTest implements GeneratedTextCacheContract {

    private final InMemoryGeneratedTextCache cache = new InMemoryGeneratedTextCache();

    @Override
    public GeneratedTextCache cache() {
        return cache;
    }
}

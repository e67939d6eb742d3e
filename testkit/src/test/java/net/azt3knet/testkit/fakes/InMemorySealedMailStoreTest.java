package net.azt3knet.testkit.fakes;

import net.azt3knet.ports.out.store.SealedMailStore;
import net.azt3knet.ports.out.store.SealedMailStore.Place;
import net.azt3knet.testkit.contracts.SealedMailStoreContract;

class InMemorySealedMailStoreTest implements SealedMailStoreContract {

    private final InMemorySealedMailStore store = new InMemorySealedMailStore();

    @Override
    public SealedMailStore store() {
        return store;
    }

    @Override
    public long keep(Place place, byte[] box) {
        return store.keep(place, box);
    }

    @Override
    public void keepClear(Place place, byte[] content) {
        store.keepClear(place);
    }

    @Override
    public void delete(Place place, long id) {
        store.delete(place, id);
    }
}

package net.azt3knet.testkit.fakes;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.azt3knet.ports.out.spool.SuppressedRecipients;

/** {@link SuppressedRecipients} in a map: address (lower case) to reason. */
public final class InMemorySuppressedRecipients implements SuppressedRecipients {

    private final Map<String, String> list = new ConcurrentHashMap<>();

    @Override
    public boolean suppressed(String address) {
        return list.containsKey(address.toLowerCase(Locale.ROOT));
    }

    @Override
    public void suppress(String address, String reason) {
        list.putIfAbsent(address.toLowerCase(Locale.ROOT), reason);
    }

    /** A copy of the list. */
    public Map<String, String> all() {
        return Map.copyOf(list);
    }
}

package net.azt3knet.app.wiring;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Closes what the modules registered ({@code @ProvidesIntoSet AutoCloseable}), newest first. */
public final class Lifecycle implements AutoCloseable {

    private final Injector injector;

    public Lifecycle(Injector injector) {
        this.injector = injector;
    }

    public Injector injector() {
        return injector;
    }

    @Override
    public void close() {
        if (injector.getExistingBinding(Key.get(new TypeLiteral<Set<AutoCloseable>>() { })) == null) return;
        List<AutoCloseable> all = new ArrayList<>(injector.getInstance(Key.get(new TypeLiteral<Set<AutoCloseable>>() { })));
        RuntimeException first = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (Exception e) {
                if (first == null) first = new IllegalStateException("closing failed: " + e.getMessage(), e);
            }
        }
        if (first != null) throw first;
    }
}

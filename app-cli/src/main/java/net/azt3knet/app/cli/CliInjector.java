package net.azt3knet.app.cli;

import com.google.inject.Injector;
import net.azt3knet.app.wiring.ProductionModules;

/** The process's one injector, built on first use (by the warm-up or the command, whichever asks first). */
final class CliInjector {

    private CliInjector() {
    }

    private static final class Holder {
        static final Injector INJECTOR = ProductionModules.injector();
    }

    static <T> T get(Class<T> type) {
        return Holder.INJECTOR.getInstance(type);
    }
}

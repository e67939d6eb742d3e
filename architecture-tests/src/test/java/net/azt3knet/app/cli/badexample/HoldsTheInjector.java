package net.azt3knet.app.cli.badexample;

import com.google.inject.Injector;
import net.azt3knet.ports.in.GeneratePopulationUseCase;

/** Deliberately breaks the composition-root rule: a command that fetches its use case itself; only RulesCanFailTest imports it. */
public final class HoldsTheInjector {

    private final Injector injector;

    public HoldsTheInjector(Injector injector) {
        this.injector = injector;
    }

    public GeneratePopulationUseCase generation() {
        return injector.getInstance(GeneratePopulationUseCase.class);
    }
}

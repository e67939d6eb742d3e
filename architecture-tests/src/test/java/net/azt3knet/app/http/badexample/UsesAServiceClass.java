package net.azt3knet.app.http.badexample;

import net.azt3knet.application.GeneratePopulationService;

/** Deliberately breaks the ports-only rule: an endpoint that names a service class; only RulesCanFailTest imports it. */
public final class UsesAServiceClass {

    private final GeneratePopulationService generation;

    public UsesAServiceClass(GeneratePopulationService generation) {
        this.generation = generation;
    }

    public Object generation() {
        return generation;
    }
}

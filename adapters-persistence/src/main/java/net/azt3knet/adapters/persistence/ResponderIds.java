package net.azt3knet.adapters.persistence;

import java.util.UUID;

/** The responder ports name a population by its id as text; the tables keep it as the UUID the population has. */
final class ResponderIds {

    private ResponderIds() {
    }

    static UUID population(String population) {
        try {
            return UUID.fromString(population);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("population '" + population + "' is not a population id (a UUID, as"
                    + " 'population list' shows it)", e);
        }
    }
}

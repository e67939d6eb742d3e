package net.azt3knet.app.cli;

import java.util.UUID;

/** Parses ids given on the command line, with a message that says what an id looks like. */
final class Ids {

    private Ids() {
    }

    static UUID population(String text) {
        try {
            if (text.strip().length() == 36) return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UserInputException("'" + text + "' is not a population id; ids look like 5f0c6a52-1b7e-8d2f-a3c4-9e8b7a6d5c4b"
                + " ('azt3knet populations list' shows them)");
    }
}

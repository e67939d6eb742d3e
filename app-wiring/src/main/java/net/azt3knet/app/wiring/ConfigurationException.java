package net.azt3knet.app.wiring;

import java.util.List;

/** The configuration is incomplete or malformed: every problem found, each naming the variable and the fix. */
public final class ConfigurationException extends RuntimeException {

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

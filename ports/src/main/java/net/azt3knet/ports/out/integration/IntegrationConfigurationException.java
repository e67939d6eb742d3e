package net.azt3knet.ports.out.integration;

import java.util.List;

/** An integration's settings are missing or malformed; {@link #problems()} lists every one, each naming the fix. */
public class IntegrationConfigurationException extends RuntimeException {

    private final List<String> problems;

    public IntegrationConfigurationException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}

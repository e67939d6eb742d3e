package net.azt3knet.domain.dns;

import java.util.List;

/** The mail domain's records cannot be computed as asked; every problem is listed, each with what to change. */
public final class InvalidMailProfileException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidMailProfileException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

package net.azt3knet.ports.out.text;

import java.util.Objects;

/**
 * One request to a model.
 *
 * @param model       the model's name on the server, e.g. {@code llama3.1:8b}
 * @param system      system message
 * @param user        user message
 * @param seed        sampling seed, 0 … 2^31-1
 * @param temperature sampling temperature (0 for the most repeatable answers)
 * @param maxTokens   most tokens to generate
 * @param json        ask for a JSON object where the server supports it
 */
public record TextPrompt(String model, String system, String user, long seed, double temperature, int maxTokens, boolean json) {

    public TextPrompt {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        if (seed < 0 || seed > Integer.MAX_VALUE) throw new IllegalArgumentException("seed must be 0 to 2^31-1, was " + seed);
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
    }
}

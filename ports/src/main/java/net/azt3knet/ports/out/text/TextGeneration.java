package net.azt3knet.ports.out.text;

/**
 * Driven port: a language model that answers one prompt. Implementations retry what is worth retrying (5xx, 429,
 * timeouts), limit their concurrency and open a circuit on repeated failure; what they throw is final.
 */
public interface TextGeneration {

    /**
     * The model's answer to {@code prompt}.
     *
     * @throws TextGenerationException when no answer could be had; {@link TextGenerationException#reason()} says why
     */
    GeneratedText generate(TextPrompt prompt);

    /** Where answers come from, for messages and the audit trail, e.g. {@code ollama http://127.0.0.1:11434}. */
    String describe();

    /**
     * One cheap request (the model listing): the server answers and accepts the key.
     *
     * @throws TextGenerationException saying what is wrong
     */
    void check();
}

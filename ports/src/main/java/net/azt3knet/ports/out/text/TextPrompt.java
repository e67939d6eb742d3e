package net.azt3knet.ports.out.text;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param email       the mail being answered, for servers that take it apart from the prompt (the AI-core request's
 *                    {@code email_context}); empty for everything but the responder
 */
public record TextPrompt(String model, String system, String user, long seed, double temperature, int maxTokens, boolean json,
                         Optional<EmailContext> email) {

    /**
     * The mail a reply is asked for: sender (as written in From), subject, thread id and the earlier messages'
     * texts, oldest first.
     */
    public record EmailContext(String sender, String subject, String threadId, List<String> previousMessages) {
        public EmailContext {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(threadId, "threadId");
            previousMessages = List.copyOf(previousMessages);
        }
    }

    /** A request without mail context. */
    public TextPrompt(String model, String system, String user, long seed, double temperature, int maxTokens, boolean json) {
        this(model, system, user, seed, temperature, maxTokens, json, Optional.empty());
    }


    public TextPrompt {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        if (seed < 0 || seed > Integer.MAX_VALUE) throw new IllegalArgumentException("seed must be 0 to 2^31-1, was " + seed);
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        Objects.requireNonNull(email, "email");
    }
}

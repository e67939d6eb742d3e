package net.azt3knet.ports.out.text;

import java.util.Objects;
import java.util.Optional;

/**
 * A model's answer.
 *
 * @param content          the text, as the model wrote it (streamed answers joined)
 * @param fingerprint      what identifies the backend that answered ({@code system_fingerprint}, a model digest), or null
 * @param tokensUsed       the tokens the server says the request cost (prompt and answer), or -1 when it did not say
 * @param suggestedSubject a subject line the server proposes for a reply (the AI-core answer's {@code suggested_subject})
 */
public record GeneratedText(String content, String fingerprint, int tokensUsed, Optional<String> suggestedSubject) {

    /** What {@link #tokensUsed} is when the server gave no count. */
    public static final int UNKNOWN_TOKENS = -1;

    public GeneratedText {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(suggestedSubject, "suggestedSubject");
        if (tokensUsed < UNKNOWN_TOKENS) throw new IllegalArgumentException("tokensUsed must be -1 or more, was " + tokensUsed);
    }

    /** An answer without a token count or a suggested subject. */
    public GeneratedText(String content, String fingerprint) {
        this(content, fingerprint, UNKNOWN_TOKENS, Optional.empty());
    }
}

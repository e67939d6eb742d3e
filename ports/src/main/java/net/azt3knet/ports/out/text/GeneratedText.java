package net.azt3knet.ports.out.text;

import java.util.Objects;
import java.util.Optional;

/**
 * A model's answer.
 *
 * @param content     the text, as the model wrote it (streamed answers joined)
 * @param fingerprint what identifies the backend that answered ({@code system_fingerprint}, a model digest), or null
 */
public record GeneratedText(String content, String fingerprint) {

    public GeneratedText {
        Objects.requireNonNull(content, "content");
    }
}

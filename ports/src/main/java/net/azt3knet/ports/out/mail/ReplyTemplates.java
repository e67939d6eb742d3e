package net.azt3knet.ports.out.mail;

import java.util.Map;
import java.util.Objects;

/**
 * Driven port: the text and HTML around a model's answer, rendered by a template engine that escapes HTML by default.
 * The reference's variables work unchanged: {@code ai_response}, {@code sender_name}, {@code original_subject},
 * {@code response_date}, {@code thread_id}; the agent's own ({@code agent_name}, {@code agent_email}, …) are added.
 */
public interface ReplyTemplates {

    record Rendered(String text, String html) {
        public Rendered {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(html, "html");
        }
    }

    /**
     * Renders the population's templates (the operator's override for {@code population} when there is one, else the
     * built-in ones).
     *
     * @throws IllegalArgumentException naming the template and line when an override does not parse
     */
    Rendered render(String population, Map<String, Object> variables);
}

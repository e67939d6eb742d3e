package net.azt3knet.domain.responder;

import java.util.List;
import java.util.Objects;
import net.azt3knet.domain.agent.AgentProfile;

/**
 * The model request for one reply: a system message that sets the agent's persona (name, age, city, occupation, tone,
 * writing style, languages) and the rules, and a user message that carries the incoming mail and the thread's history
 * as quoted data, fenced so that nothing in it reads as an instruction.
 *
 * @param system the system message (never sent to anyone; the safety check refuses replies that repeat it)
 * @param user   the user message
 */
public record PersonaPrompt(String system, String user) {

    /** One earlier message of the thread, oldest first. */
    public record ThreadMessage(String from, String subject, String text) {
        public ThreadMessage {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
        }
    }

    public PersonaPrompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }

    /** The prompt for {@code agent} answering {@code mail}, with up to the last few messages of {@code history}. */
    public static PersonaPrompt build(AgentProfile agent, IncomingMail mail, List<ThreadMessage> history) {
        throw new UnsupportedOperationException("skeleton: PersonaPrompt.build");
    }
}

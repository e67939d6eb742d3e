package net.azt3knet.domain.responder;

import java.util.Collection;
import java.util.Optional;

/**
 * The check on a model's answer before it is formatted: refused when it repeats the system prompt (or a long piece of
 * it), contains another agent's address or name, a URL that is not in the thread, something that looks like a
 * password or key, or is empty.
 */
public final class ReplySafety {

    private ReplySafety() {
    }

    /**
     * Empty when {@code reply} may be sent; else why not (no reply text in the reason).
     *
     * @param threadText   the incoming mail and the thread's history: URLs found here may be repeated
     * @param otherAgents  addresses and full names of the population's other agents
     */
    public static Optional<String> refusal(String reply, PersonaPrompt prompt, String threadText, Collection<String> otherAgents) {
        throw new UnsupportedOperationException("skeleton: ReplySafety.refusal");
    }
}

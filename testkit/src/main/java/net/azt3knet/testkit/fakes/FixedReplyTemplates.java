package net.azt3knet.testkit.fakes;

import java.util.Map;
import net.azt3knet.ports.out.mail.ReplyTemplates;

/** {@link ReplyTemplates} without an engine: the answer, then the agent's name as a signature; the variables are kept. */
public final class FixedReplyTemplates implements ReplyTemplates {

    private volatile Map<String, Object> last = Map.of();

    @Override
    public Rendered render(String population, Map<String, Object> variables) {
        last = Map.copyOf(variables);
        String text = variables.get("ai_response") + "\r\n\r\n-- \r\n" + variables.get("agent_name") + "\r\n";
        return new Rendered(text, "<p>" + variables.get("ai_response") + "</p>");
    }

    /** The variables of the last render. */
    public Map<String, Object> last() {
        return last;
    }
}

package net.azt3knet.testkit.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextPrompt;

/**
 * {@link TextGeneration} that answers with a script: a function of the prompt (which may throw a
 * {@code TextGenerationException}). Records every prompt it was asked.
 */
public final class ScriptedTextGeneration implements TextGeneration {

    private final Function<TextPrompt, String> script;
    private final List<TextPrompt> asked = new ArrayList<>();

    public ScriptedTextGeneration(Function<TextPrompt, String> script) {
        this.script = script;
    }

    /** Answers {"value": "<field> for seed <seed>"} (or a two-item list when the prompt asks for an array). */
    public static ScriptedTextGeneration echoingSeeds() {
        return new ScriptedTextGeneration(p -> {
            if (p.user().contains("is an array of")) {
                int n = Integer.parseInt(p.user().replaceAll("(?s).*is an array of (\\w+) strings.*", "$1")
);
                StringBuilder b = new StringBuilder("{\"value\":[");
                for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ",").append("\"item ").append(i).append(" s").append(p.seed()).append('"');
                return b.append("]}").toString();
            }
            return "{\"value\":\"text for seed " + p.seed() + "\"}";
        });
    }

    @Override
    public GeneratedText generate(TextPrompt prompt) {
        synchronized (asked) {
            asked.add(prompt);
        }
        return new GeneratedText(script.apply(prompt), "fp-scripted");
    }

    @Override
    public String describe() {
        return "scripted";
    }

    /** Every prompt asked so far. */
    public List<TextPrompt> asked() {
        synchronized (asked) {
            return List.copyOf(asked);
        }
    }
}

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

    /**
     * Answers {@code {"value": "text for seed <seed>"}} (or a list of as many items as the prompt asks for), the
     * seed spelled in letters: a run of digits would be rejected as a phone number.
     */
    public static ScriptedTextGeneration echoingSeeds() {
        return new ScriptedTextGeneration(p -> {
            String seed = Long.toString(p.seed()).chars().mapToObj(c -> String.valueOf((char) ('a' + c - '0')))
                    .collect(java.util.stream.Collectors.joining());
            if (p.user().contains("is an array of")) {
                int n = Integer.parseInt(p.user().replaceAll("(?s).*is an array of (\\w+) strings.*", "$1")
);
                StringBuilder b = new StringBuilder("{\"value\":[");
                for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ",").append("\"item ").append((char) ('a' + i)).append(' ').append(seed).append('"');
                return b.append("]}").toString();
            }
            return "{\"value\":\"text for seed " + seed + "\"}";
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
    public void check() {
        // a script always answers
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

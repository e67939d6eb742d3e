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

    private final Function<TextPrompt, GeneratedText> script;
    private final String description;
    private final List<TextPrompt> asked = new ArrayList<>();

    /** Answers with the script's text, fingerprint {@code fp-scripted}, no token count and no suggested subject. */
    public ScriptedTextGeneration(Function<TextPrompt, String> script) {
        this(p -> new GeneratedText(script.apply(p), FINGERPRINT), "scripted");
    }

    private ScriptedTextGeneration(Function<TextPrompt, GeneratedText> answers, String description) {
        this.script = answers;
        this.description = description;
    }

    /** The fingerprint of the text-only scripts' answers. */
    public static final String FINGERPRINT = "fp-scripted";

    /**
     * Answers with whole {@link GeneratedText}s, so a script can carry token counts and a suggested subject, as the
     * AI-core flavour's answers do.
     */
    public static ScriptedTextGeneration answering(Function<TextPrompt, GeneratedText> answers) {
        return new ScriptedTextGeneration(answers, "scripted (whole answers)");
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
        return script.apply(prompt);
    }

    @Override
    public void check() {
        // a script always answers
    }

    @Override
    public String describe() {
        return description;
    }

    /** Every prompt asked so far. */
    public List<TextPrompt> asked() {
        synchronized (asked) {
            return List.copyOf(asked);
        }
    }
}

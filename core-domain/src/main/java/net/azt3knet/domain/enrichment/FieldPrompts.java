package net.azt3knet.domain.enrichment;

import net.azt3knet.domain.agent.AgentProfile;

/**
 * The versioned prompt templates of {@code generate_field}. A template's text is frozen once released: any change
 * to it, however small, needs a new version, because the version is part of the replay cache key and old
 * populations must keep replaying from their cache.
 */
public final class FieldPrompts {

    /** Said to the model before every field: what the text is for and what it must never contain. */
    static final String SYSTEM = "You write one field of a fictional persona that is used as synthetic test data; "
            + "the persona is not a real person. Answer with a single JSON object of the form {\"value\": ...} and "
            + "nothing else. Never include e-mail addresses, phone numbers, URLs, social media handles, or the names "
            + "of real people or companies.";

    private FieldPrompts() {
    }

    /**
     * The model's sampling seed for one field of one agent, attempt {@code attempt} (0 first, then a fresh sub-seed
     * per retry): a function of the agent's own seed (itself from the population seed and index) and the field.
     * Non-negative and below 2^31, since some servers take only a 32-bit signed seed.
     */
    public static long seed(AgentProfile a, EnrichableField field, int attempt) {
        byte[] d = new FieldPrompt("seed", "azt3knet/llm-seed", a.seed() + "/" + field.code() + "/" + attempt).digest();
        return ((d[0] & 0x7FL) << 24) | ((d[1] & 0xFFL) << 16) | ((d[2] & 0xFFL) << 8) | (d[3] & 0xFFL);
    }

    /** The prompt for one field of one agent; a pure function of the agent's generated facts. */
    public static FieldPrompt prompt(EnrichableField field, AgentProfile a) {
        String persona = "Persona: " + a.givenName() + ", " + a.age() + " years old, gender " + a.gender().code()
                + ", lives in " + a.city() + " (" + a.country() + "), works as " + a.occupation()
                + ", interests: " + String.join(", ", a.interests()) + ", tone: " + a.tone() + ".";
        String language = "Write in the language of locale " + a.locale() + ".";
        return switch (field) {
            case BIO -> new FieldPrompt("bio@1", SYSTEM, persona + "\n" + language
                    + "\nWrite a one-sentence first-person biography of at most 200 characters. "
                    + "\"value\" is a string. The current biography, for reference: " + a.bio());
            case TONE -> new FieldPrompt("tone@1", SYSTEM, persona
                    + "\nDescribe the persona's tone of voice in two to four English words, lower case. "
                    + "\"value\" is a string.");
            case WRITING_STYLE -> new FieldPrompt("writing_style@1", SYSTEM, persona
                    + "\nDescribe how the persona writes e-mails and posts in one English phrase of at most twelve words. "
                    + "\"value\" is a string.");
            case BEHAVIORAL_BIASES -> new FieldPrompt("behavioral_biases@1", SYSTEM, persona
                    + "\nName exactly two cognitive biases that colour this persona's behaviour, in English, lower case. "
                    + "\"value\" is an array of 2 strings.");
            case INTERESTS -> new FieldPrompt("interests@1", SYSTEM, persona + "\n" + language
                    + "\nPhrase each interest the way the persona would name it, in that language, one to four words each, "
                    + "same order. \"value\" is an array of " + a.interests().size() + " strings.");
        };
    }
}

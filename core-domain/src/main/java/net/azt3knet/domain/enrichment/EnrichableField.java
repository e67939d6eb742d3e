package net.azt3knet.domain.enrichment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.azt3knet.domain.agent.AgentProfile;

/**
 * The free-text fields an LLM may rewrite. Names, usernames, addresses and every sampled fact are not among them:
 * the model never chooses who an agent is, only how the agent's text reads.
 */
public enum EnrichableField {
    INTERESTS("interests", true),
    BIO("bio", false),
    TONE("tone", false),
    WRITING_STYLE("writing_style", false),
    BEHAVIORAL_BIASES("behavioral_biases", true);

    private final String code;
    private final boolean list;

    EnrichableField(String code, boolean list) {
        this.code = code;
        this.list = list;
    }

    /** The field's name in output and on the command line, e.g. {@code writing_style}. */
    public String code() {
        return code;
    }

    /** True when the value is a list of strings rather than one string. */
    public boolean isList() {
        return list;
    }

    /** The offline generator's value of this field. */
    public Object offlineValue(AgentProfile a) {
        return switch (this) {
            case INTERESTS -> a.interests();
            case BIO -> a.bio();
            case TONE -> a.tone();
            case WRITING_STYLE -> a.writingStyle();
            case BEHAVIORAL_BIASES -> a.behavioralBiases();
        };
    }

    /** {@code a} with this field replaced by {@code value} (a String, or a List of Strings for list fields). */
    @SuppressWarnings("unchecked")
    public AgentProfile apply(AgentProfile a, Object value) {
        List<String> items = list ? (List<String>) value : null;
        String text = list ? null : (String) value;
        return new AgentProfile(a.id(), a.index(), a.seed(), a.name(), a.givenName(), a.familyName(), a.displayName(),
                a.usernameHint(), a.username(), a.email(), a.gender(), a.age(), a.birthDate(), a.country(), a.city(),
                a.locale(), a.timezone(), a.languages(), a.occupation(),
                this == INTERESTS ? items : a.interests(),
                this == BIO ? text : a.bio(),
                a.postingCadence(),
                this == TONE ? text : a.tone(),
                this == WRITING_STYLE ? text : a.writingStyle(),
                this == BEHAVIORAL_BIASES ? items : a.behavioralBiases(),
                a.synthetic());
    }

    /** Every field's code, in canonical order: {@code interests, bio, tone, writing_style, behavioral_biases}. */
    public static String codes() {
        List<String> codes = new ArrayList<>();
        for (EnrichableField f : values()) codes.add(f.code);
        return String.join(", ", codes);
    }

    /**
     * Parses a comma-separated list such as {@code bio,tone}; the result is in canonical (output) order.
     *
     * @throws IllegalArgumentException naming the unknown field and the allowed ones
     */
    public static Set<EnrichableField> parseList(String text) {
        Set<EnrichableField> fields = EnumSet.noneOf(EnrichableField.class);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no field given; choose among " + codes());
        }
        for (String part : text.split(",")) {
            String code = part.strip().toLowerCase(Locale.ROOT).replace('-', '_');
            EnrichableField found = null;
            for (EnrichableField f : values()) if (f.code.equals(code)) found = f;
            if (found == null) {
                throw new IllegalArgumentException("'" + part.strip() + "' cannot be enriched; choose among " + codes()
                        + " (names, usernames and addresses are never written by a model)");
            }
            fields.add(found);
        }
        return fields;
    }
}

package net.azt3knet.domain.enrichment;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;

/**
 * An agent after enrichment: its profile with the model's text in place, and for each requested field whether the
 * model's text was used ({@code true}) or the offline value was kept ({@code false}).
 *
 * @param profile  the agent, enriched fields replaced
 * @param enriched per requested field, in canonical order: true when the model's text is in the profile
 */
public record EnrichedAgent(AgentProfile profile, Map<EnrichableField, Boolean> enriched) {

    public EnrichedAgent {
        Objects.requireNonNull(profile, "profile");
        EnumMap<EnrichableField, Boolean> copy = new EnumMap<>(EnrichableField.class);
        copy.putAll(enriched);
        enriched = Collections.unmodifiableMap(copy);
    }

    /**
     * The canonical JSON object of the profile followed by {@code "enriched":{"bio":true,…}}: the same bytes as
     * {@link CanonicalJson} up to the last field, so tools reading plain populations read these too.
     */
    public void appendJson(ByteBuilder out) {
        CanonicalJson.append(profile, out);
        out.setLength(out.length() - 1); // reopen the object
        out.ascii(",\"enriched\":{");
        boolean first = true;
        for (Map.Entry<EnrichableField, Boolean> e : enriched.entrySet()) {
            if (!first) out.append(',');
            first = false;
            out.append('"').ascii(e.getKey().code()).ascii("\":").ascii(e.getValue() ? "true" : "false");
        }
        out.ascii("}}");
    }

    /** The marks as one CSV/table cell: {@code bio:true|tone:false}. */
    public String marks() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<EnrichableField, Boolean> e : enriched.entrySet()) {
            if (!b.isEmpty()) b.append('|');
            b.append(e.getKey().code()).append(':').append(e.getValue());
        }
        return b.toString();
    }
}

package net.azt3knet.application;

import java.time.LocalDate;
import java.util.UUID;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.population.Gender;

/** An agent's profile read back from its stored canonical JSON, with the realism report's field readers. */
final class StoredProfiles {

    private StoredProfiles() {
    }

    static AgentProfile read(byte[] json) {
        String gender = RealismSample.field(json, "gender");
        return new AgentProfile(UUID.fromString(RealismSample.field(json, "id")), RealismSample.number(json, "index"),
                RealismSample.field(json, "seed"), RealismSample.field(json, "name"), RealismSample.field(json, "given_name"),
                RealismSample.field(json, "family_name"), RealismSample.field(json, "display_name"),
                RealismSample.field(json, "username_hint"), RealismSample.field(json, "username"),
                RealismSample.field(json, "email"),
                Gender.fromCode(gender).orElseThrow(() -> new IllegalStateException("a stored agent profile has gender '" + gender + "'")),
                RealismSample.number(json, "age"), LocalDate.parse(RealismSample.field(json, "birth_date")),
                RealismSample.field(json, "country"), RealismSample.field(json, "city"), RealismSample.field(json, "locale"),
                RealismSample.field(json, "timezone"), RealismSample.strings(json, "languages"),
                RealismSample.field(json, "occupation"), RealismSample.strings(json, "interests"),
                RealismSample.field(json, "bio"), RealismSample.field(json, "posting_cadence"),
                RealismSample.field(json, "tone"), RealismSample.field(json, "writing_style"),
                RealismSample.strings(json, "behavioral_biases"), true);
    }
}

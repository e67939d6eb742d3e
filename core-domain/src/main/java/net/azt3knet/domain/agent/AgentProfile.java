package net.azt3knet.domain.agent;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.azt3knet.domain.population.Gender;

/**
 * One synthetic agent with a complete digital identity. Every value is a pure function of the generator epoch,
 * the population seed, the agent's index, the field and the spec's filters; {@code synthetic} is always true.
 * Component order is the canonical output order ({@link CanonicalJson}).
 *
 * @param id               name-based UUID (v5) of (epoch, seed, index)
 * @param index            position in the population, from 0
 * @param seed             the agent's own derived seed (hex), for per-agent sub-generation such as LLM enrichment
 * @param name             given name then family name
 * @param givenName        given name in its romanised display form
 * @param familyName       family name in its romanised display form
 * @param displayName      the name as shown in mail headers, in the country's name order
 * @param usernameHint     the name-derived username before uniqueness was resolved
 * @param username         unique in the population: ASCII, RFC 5321-valid as a local part
 * @param email            {@code username@domain}, unique in the population
 * @param gender           the agent's gender
 * @param age              age in whole years at the spec's reference date
 * @param birthDate        consistent with {@code age} at the reference date
 * @param country          ISO 3166-1 alpha-2 code
 * @param city             city of residence, weighted by population
 * @param locale           BCP 47 tag of the agent's first language in its country, e.g. {@code es-MX}
 * @param timezone         IANA time zone of the city
 * @param languages        languages spoken, first language first
 * @param occupation       occupation, consistent with age
 * @param interests        one to three interests
 * @param bio              one-line offline biography
 * @param postingCadence   how often the agent posts
 * @param tone             the agent's tone of voice
 * @param writingStyle     the agent's writing style
 * @param behavioralBiases two cognitive biases that colour the agent's behaviour
 * @param synthetic        always {@code true}: this is not a real person
 */
public record AgentProfile(UUID id, long index, String seed, String name, String givenName, String familyName,
                           String displayName, String usernameHint, String username, String email, Gender gender,
                           int age, LocalDate birthDate, String country, String city, String locale, String timezone,
                           List<String> languages, String occupation, List<String> interests, String bio,
                           String postingCadence, String tone, String writingStyle, List<String> behavioralBiases,
                           boolean synthetic) {

    public AgentProfile {
        languages = List.copyOf(languages);
        interests = List.copyOf(interests);
        behavioralBiases = List.copyOf(behavioralBiases);
        if (!synthetic) throw new IllegalArgumentException("generated agents are always marked synthetic");
    }
}

package net.azt3knet.domain.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.api.Test;

/** Fields, prompts, seeds and the enriched output form: the parts of enrichment that must never drift silently. */
class EnrichmentDomainTest {

    /** An epoch-1 agent: the pinned prompt hash and seed below were cross-checked against it. */
    private static final AgentProfile AGENT = PopulationGenerator.create().generate(PopulationSpec.parse(
            new SpecInput("1", "42", null, null, null, null, null, null, null, "1"))).findFirst().orElseThrow();

    @Test
    void fieldListsParseInCanonicalOrderAndNamesAreNeverEnrichable() {
        assertThat(EnrichableField.parseList(" tone, bio ,writing-style")).containsExactly(
                EnrichableField.BIO, EnrichableField.TONE, EnrichableField.WRITING_STYLE);
        assertThatThrownBy(() -> EnrichableField.parseList("bio,email"))
                .hasMessageContaining("'email' cannot be enriched").hasMessageContaining("interests, bio, tone, writing_style, behavioral_biases");
        assertThatThrownBy(() -> EnrichableField.parseList("")).hasMessageContaining("no field given");
    }

    @Test
    void applyingAValueReplacesThatFieldAlone() {
        AgentProfile bio = EnrichableField.BIO.apply(AGENT, "Nueva bio.");
        assertThat(bio.bio()).isEqualTo("Nueva bio.");
        assertThat(bio).usingRecursiveComparison().ignoringFields("bio").isEqualTo(AGENT);
        AgentProfile biases = EnrichableField.BEHAVIORAL_BIASES.apply(AGENT, List.of("a", "b"));
        assertThat(biases.behavioralBiases()).containsExactly("a", "b");
        assertThat(biases).usingRecursiveComparison().ignoringFields("behavioralBiases").isEqualTo(AGENT);
    }

    /** Pinned (the seed cross-checked in Python): a change of template text, persona line or hashing must come with a new template version. */
    @Test
    void templatesArePinnedToTheirVersion() {
        FieldPrompt bio = FieldPrompts.prompt(EnrichableField.BIO, AGENT);
        assertThat(bio.template()).isEqualTo("bio@1");
        assertThat(bio.user()).startsWith("Persona: " + AGENT.givenName() + ", " + AGENT.age() + " years old")
                .contains("locale " + AGENT.locale()).endsWith(AGENT.bio());
        assertThat(bio.system()).contains("{\"value\": ...}").contains("Never include e-mail addresses");
        assertThat(bio.hash()).isEqualTo("9f663eb9e91c45b1047a0c7cd9039b283353dfd047f45f0b08af86372b61fcc2");
    }

    @Test
    void seedsDependOnAgentFieldAndAttemptAndFitIn31Bits() {
        Set<Long> seen = new HashSet<>();
        for (EnrichableField f : EnrichableField.values()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                long s = FieldPrompts.seed(AGENT, f, attempt);
                assertThat(s).isBetween(0L, (long) Integer.MAX_VALUE);
                assertThat(seen.add(s)).isTrue();
                assertThat(FieldPrompts.seed(AGENT, f, attempt)).isEqualTo(s);
            }
        }
        assertThat(FieldPrompts.seed(AGENT, EnrichableField.BIO, 0)).isEqualTo(1_485_905_834L);
    }

    @Test
    void enrichedJsonIsTheCanonicalObjectWithTheMarksAppended() {
        ByteBuilder plain = new ByteBuilder(1024);
        CanonicalJson.append(AGENT, plain);
        String canonical = new String(plain.toByteArray(), StandardCharsets.UTF_8);
        Map<EnrichableField, Boolean> marks = new EnumMap<>(EnrichableField.class);
        marks.put(EnrichableField.TONE, false);
        marks.put(EnrichableField.BIO, true);
        ByteBuilder out = new ByteBuilder(1024);
        new EnrichedAgent(AGENT, marks).appendJson(out);
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(
                canonical.substring(0, canonical.length() - 1) + ",\"enriched\":{\"bio\":true,\"tone\":false}}");
        assertThat(new EnrichedAgent(AGENT, marks).marks()).isEqualTo("bio:true|tone:false");
    }

    private static ReplyCheck.Verdict check(EnrichableField f, String reply) {
        return ReplyCheck.check(f, AGENT, reply);
    }

    @Test
    void acceptsTheJsonThePromptAskedFor() {
        assertThat(check(EnrichableField.BIO, "{\"value\": \"Cocinera en Puebla, \\\"fan\\\" del café \\u00e9.\"}").value())
                .isEqualTo("Cocinera en Puebla, \"fan\" del café é.");
        assertThat(check(EnrichableField.TONE, "```json\n{\"value\":\"warm and dry\"}\n```").value()).isEqualTo("warm and dry");
        assertThat(check(EnrichableField.BEHAVIORAL_BIASES, "{\"value\":[\"anchoring\",\" status quo bias \"]}").value())
                .isEqualTo(List.of("anchoring", "status quo bias"));
    }

    @Test
    void rejectsMalformedOrMisshapenReplies() {
        assertThat(check(EnrichableField.BIO, "Sure! Here is a bio: ...").rejection()).startsWith("the reply is not JSON");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"a\"} trailing").rejection()).contains("text after the JSON value");
        assertThat(check(EnrichableField.BIO, "{\"bio\":\"a\"}").rejection()).contains("not an object with a \"value\"");
        assertThat(check(EnrichableField.BIO, "{\"value\":[\"a\"]}").rejection()).contains("not a string");
        assertThat(check(EnrichableField.BEHAVIORAL_BIASES, "{\"value\":[\"a\"]}").rejection()).contains("1 items, 2 were asked for");
        assertThat(check(EnrichableField.BEHAVIORAL_BIASES, "{\"value\":[\"a\",3]}").rejection()).contains("other than strings");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"" + "x".repeat(281) + "\"}").rejection()).contains("longer than 280");
        assertThat(check(EnrichableField.TONE, "{\"value\":\"  \"}").rejection()).contains("empty");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"line one\\nline two\"}").rejection()).contains("line break");
        assertThat(check(EnrichableField.BIO, "{\"value\":" + "[".repeat(40) + "]".repeat(40) + "}").rejection()).contains("nested too deeply");
    }

    @Test
    void rejectsContactDataAndTheAgentsOwnIdentifiers() {
        assertThat(check(EnrichableField.BIO, "{\"value\":\"Write to ana.lopez@gmail.com anytime\"}").rejection()).contains("e-mail address");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"Write to ana [at] mail.mx\"}").rejection()).contains("e-mail address");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"See https://example.org/me\"}").rejection()).contains("URL");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"Blog at www.cocina-ana.mx\"}").rejection()).contains("URL");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"Shop: anacocina.com\"}").rejection()).contains("URL");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"Call +52 (55) 1234-5678\"}").rejection()).contains("phone number");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"Call 555 123 4567\"}").rejection()).contains("phone number");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"Follow @ana_cocina\"}").rejection()).contains("handle");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"I am " + AGENT.email().toUpperCase() + "\"}").rejection())
                .isIn("the value contains an e-mail address", "the value contains the agent's own address");
        assertThat(check(EnrichableField.BIO, "{\"value\":\"Born in 1987, moved in 2015, two kids.\"}").accepted()).isTrue();
    }

    @Test
    void rejectsTheUsernameWhenItIsAHandle() {
        AgentProfile handle = new AgentProfile(AGENT.id(), AGENT.index(), AGENT.seed(), AGENT.name(), AGENT.givenName(),
                AGENT.familyName(), AGENT.displayName(), "ana.ruiz", "ana.ruiz7", "ana.ruiz7@azt3knet.example", AGENT.gender(),
                AGENT.age(), AGENT.birthDate(), AGENT.country(), AGENT.city(), AGENT.locale(), AGENT.timezone(),
                AGENT.languages(), AGENT.occupation(), AGENT.interests(), AGENT.bio(), AGENT.postingCadence(), AGENT.tone(),
                AGENT.writingStyle(), AGENT.behavioralBiases(), true);
        assertThat(ReplyCheck.check(EnrichableField.BIO, handle, "{\"value\":\"Find me as Ana.Ruiz7 online\"}").rejection())
                .contains("username");
    }
}

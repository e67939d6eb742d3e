package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md's determinism contract, property by property. */
class DeterminismTest {

    private static final PopulationSpec MIXED = PopulationSpec.parse(new SpecInput("20000", "determinism",
            "female:0.5,male:0.4,non_binary:0.1", "US:0.4,DE:0.3,JP:0.2,MT:0.1", null, "13-90", null, null, null, null));

    @Test
    void sameSpecAndSeedGiveByteIdenticalOutput() {
        assertThat(Ndjson.of(MIXED, 2)).isEqualTo(Ndjson.of(MIXED, 2));
    }

    @Test
    void outputDoesNotDependOnTheThreadCount() {
        byte[] one = Ndjson.of(MIXED, 1);
        assertThat(Ndjson.of(MIXED, 2)).isEqualTo(one);
        assertThat(Ndjson.of(MIXED, 3)).isEqualTo(one);
        assertThat(Ndjson.of(MIXED, 8)).isEqualTo(one);
    }

    @Test
    void theLazyStreamEqualsTheParallelPipeline() {
        ByteBuilder streamed = new ByteBuilder(1 << 20);
        PopulationGenerator.create().generate(MIXED).forEach(a -> CanonicalJson.appendLine(a, streamed));
        assertThat(streamed.toByteArray()).isEqualTo(Ndjson.of(MIXED, 4));
    }

    @Test
    void growingTheCountKeepsEarlierAgentsByteIdentical() {
        byte[] small = Ndjson.of(MIXED.withCount(3000), 2);
        byte[] large = Ndjson.of(MIXED, 2);
        assertThat(Arrays.copyOf(large, small.length)).isEqualTo(small);
        assertThat(large[small.length - 1]).isEqualTo((byte) '\n');
    }

    @Test
    void aDifferentSeedGivesADifferentPopulation() {
        PopulationSpec other = PopulationSpec.parse(new SpecInput("200", "another seed", null, null, null, null, null,
                null, null, null));
        PopulationSpec base = PopulationSpec.of(200, "determinism");
        List<String> a = PopulationGenerator.create().generate(base).map(AgentProfile::name).toList();
        List<String> b = PopulationGenerator.create().generate(other).map(AgentProfile::name).toList();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void changingOneFilterLeavesUnrelatedFieldsAlone() {
        // Keyed derivation: a field's draws depend on its own key, so narrowing interests changes no tone.
        PopulationSpec plain = PopulationSpec.of(500, "keyed");
        PopulationSpec withInterests = PopulationSpec.parse(new SpecInput("500", "keyed", null, null, null, null,
                "music,chess", null, null, null));
        assertThat(tones(withInterests)).isEqualTo(tones(plain));
        assertThat(interests(withInterests)).isNotEqualTo(interests(plain));
    }

    @Test
    void populationsOfDifferentCountriesUnderOneSeedAreIndependentSamples() {
        // Epoch 2 keys every field after the country by (agent, country): agent i in JP is not agent i in DE.
        List<AgentProfile> jp = PopulationGenerator.create().generate(spec("JP", null)).toList();
        List<AgentProfile> de = PopulationGenerator.create().generate(spec("DE", null)).toList();
        long sameAge = 0;
        long sameGender = 0;
        for (int i = 0; i < jp.size(); i++) {
            if (jp.get(i).age() == de.get(i).age()) sameAge++;
            if (jp.get(i).gender() == de.get(i).gender()) sameGender++;
        }
        // Independent draws agree by chance only: ages (63 values) about 2-3 % of the time, genders about half.
        assertThat(sameAge).isLessThan(jp.size() / 10);
        assertThat(sameGender).isBetween(jp.size() * 35L / 100, jp.size() * 65L / 100);
        // Epoch 1 drew every field from the same key whatever the country: it is kept as it was.
        List<AgentProfile> jp1 = PopulationGenerator.create().generate(spec("JP", "1")).toList();
        List<AgentProfile> de1 = PopulationGenerator.create().generate(spec("DE", "1")).toList();
        assertThat(jp1).extracting(AgentProfile::gender).isEqualTo(de1.stream().map(AgentProfile::gender).toList());
    }

    @Test
    void inAMixEachAgentDependsOnlyOnItsOwnCountry() {
        // Re-weighting a country mix changes the country of some agents; the others stay byte-identical.
        PopulationSpec a = PopulationSpec.parse(new SpecInput("2000", "mix", null, "US:0.5,DE:0.5", null, null, null, null, null, null));
        PopulationSpec b = PopulationSpec.parse(new SpecInput("2000", "mix", null, "US:0.6,DE:0.4", null, null, null, null, null, null));
        List<AgentProfile> x = PopulationGenerator.create().generate(a).toList();
        List<AgentProfile> y = PopulationGenerator.create().generate(b).toList();
        int kept = 0;
        for (int i = 0; i < x.size(); i++) {
            if (!x.get(i).country().equals(y.get(i).country())) continue;
            kept++;
            assertThat(y.get(i).name()).isEqualTo(x.get(i).name());
            assertThat(y.get(i).birthDate()).isEqualTo(x.get(i).birthDate());
            assertThat(y.get(i).bio()).isEqualTo(x.get(i).bio());
        }
        assertThat(kept).isGreaterThan(1500);
    }

    private static PopulationSpec spec(String country, String epoch) {
        return PopulationSpec.parse(new SpecInput("1000", "one seed", null, country, null, null, null, null, null, epoch));
    }

    @Test
    void agentIdsAreNameBasedUuidsOfEpochSeedAndIndex() {
        AgentProfile first = PopulationGenerator.create().generate(PopulationSpec.of(3, "42")).findFirst().orElseThrow();
        assertThat(first.id().version()).isEqualTo(5);
        assertThat(first.id().variant()).isEqualTo(2);
        assertThat(first.id()).isEqualTo(PopulationGenerator.create().generate(PopulationSpec.of(1, "42")).findFirst()
                .orElseThrow().id());
    }

    @Test
    void canonicalJsonIsUtf8WithoutBom() {
        byte[] bytes = Ndjson.of(PopulationSpec.of(10, "utf8"), 1);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"id\":\"").endsWith("\"synthetic\":true}\n");
        assertThat(text.lines()).hasSize(10);
    }

    private static String tones(PopulationSpec spec) {
        return PopulationGenerator.create().generate(spec).map(AgentProfile::tone).collect(Collectors.joining(","));
    }

    private static String interests(PopulationSpec spec) {
        return PopulationGenerator.create().generate(spec).map(a -> a.interests().toString()).collect(Collectors.joining(","));
    }
}

package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.population.Gender;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Achieved versus target over 100,000 agents. Tolerances are about five standard errors of a proportion at this
 * size (√(p(1-p)/n) ≤ 0.0016), so a pass is not luck and a real skew fails.
 */
class DistributionTest {

    private static final int N = 100_000;
    private static final double TOLERANCE = 0.008;
    private static List<AgentProfile> agents;

    @BeforeAll
    static void generate() {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput(Integer.toString(N), "distribution",
                "female:0.6,male:0.3,non_binary:0.1", "US:0.5,FR:0.3,KR:0.2", null, "20-69", null, null, null, null));
        agents = PopulationGenerator.create().generate(spec).toList();
    }

    @Test
    void genderMixMatchesTheSpec() {
        Map<Gender, Double> share = shares(AgentProfile::gender);
        assertThat(share.get(Gender.FEMALE)).isCloseTo(0.6, within(TOLERANCE));
        assertThat(share.get(Gender.MALE)).isCloseTo(0.3, within(TOLERANCE));
        assertThat(share.get(Gender.NON_BINARY)).isCloseTo(0.1, within(TOLERANCE));
        assertThat(share).doesNotContainKey(Gender.UNSPECIFIED);
    }

    @Test
    void countryMixMatchesTheSpec() {
        Map<String, Double> share = shares(AgentProfile::country);
        assertThat(share.get("US")).isCloseTo(0.5, within(TOLERANCE));
        assertThat(share.get("FR")).isCloseTo(0.3, within(TOLERANCE));
        assertThat(share.get("KR")).isCloseTo(0.2, within(TOLERANCE));
    }

    @Test
    void agesStayInRangeAndFollowTheCountrysAgePyramid() throws Exception {
        assertThat(agents).allSatisfy(a -> assertThat(a.age()).isBetween(20, 69));
        // Within the range, each five-year group's share of women must match the UN estimate for that country.
        for (String country : List.of("US", "FR", "KR")) {
            List<AgentProfile> women = agents.stream()
                    .filter(a -> a.country().equals(country) && a.gender() == Gender.FEMALE).toList();
            Map<Integer, Long> groups = pyramid(country, "F", 20, 69);
            long total = groups.values().stream().mapToLong(Long::longValue).sum();
            for (var g : groups.entrySet()) {
                double target = (double) g.getValue() / total;
                double achieved = women.stream().filter(a -> a.age() / 5 * 5 == g.getKey()).count() / (double) women.size();
                assertThat(achieved).as("%s women aged %d-%d", country, g.getKey(), g.getKey() + 4)
                        .isCloseTo(target, within(0.015));
            }
        }
    }

    @Test
    void citiesAreWeightedByPopulation() {
        long paris = agents.stream().filter(a -> a.country().equals("FR") && a.city().equals("Paris")).count();
        long fr = agents.stream().filter(a -> a.country().equals("FR")).count();
        // Paris is the largest French place in GeoNames by a wide margin: it must be the most common city.
        Map<String, Long> byCity = agents.stream().filter(a -> a.country().equals("FR"))
                .collect(Collectors.groupingBy(AgentProfile::city, Collectors.counting()));
        assertThat(byCity.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()).isEqualTo("Paris");
        assertThat((double) paris / fr).isBetween(0.03, 0.2);
    }

    private static <K> Map<K, Double> shares(Function<AgentProfile, K> key) {
        return agents.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.collectingAndThen(Collectors.counting(), c -> c / (double) N)));
    }

    /** Population per five-year group within [min, max] from the bundled (WPP 2024) resource. */
    private static Map<Integer, Long> pyramid(String country, String sex, int min, int max) throws Exception {
        Map<Integer, Long> groups = new TreeMap<>();
        try (var in = new BufferedReader(new InputStreamReader(DistributionTest.class.getResourceAsStream(
                "/net/azt3knet/domain/generation/epoch2/" + country + ".tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t");
                if (f[0].equals("age") && f[1].equals(sex)) {
                    int start = Integer.parseInt(f[2]);
                    if (start >= min && start + 4 <= max) groups.put(start, Long.parseLong(f[3]));
                }
            }
        }
        return groups;
    }
}

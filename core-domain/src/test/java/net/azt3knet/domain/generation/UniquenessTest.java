package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.HashSet;
import java.util.Set;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.api.Test;

/** Usernames and addresses are unique by construction, also where few names exist. */
class UniquenessTest {

    @Test
    void aMillionAgentsHaveUniqueUsernamesAndAddresses() {
        assertUnique(PopulationSpec.of(1_000_000, "uniqueness"), 1_000_000);
    }

    @Test
    void countriesWithShortNameListsStillGetUniqueAddresses() {
        // Malta's lists hold a handful of names: thousands of agents share each name-derived base.
        assertUnique(PopulationSpec.parse(new SpecInput("200000", "malta", null, "MT", null, null, null, null, null, null)), 200_000);
    }

    @Test
    void theRegistryNumbersRepeatsInIndexOrder() {
        UsernameRegistry registry = new UsernameRegistry(4);
        assertThat(registry.next(7)).isEqualTo(1);  // maria.garcia
        assertThat(registry.next(7)).isEqualTo(2);  // maria.garcia2
        assertThat(registry.next(9)).isEqualTo(1);  // ana.lopez
        assertThat(registry.next(7)).isEqualTo(3);  // maria.garcia3
        // A hash shared by two bases shares a counter: suffixes change, uniqueness does not.
        assertThat(registry.next(9)).isEqualTo(2);
        assertThat(registry.next(0)).isEqualTo(1); // zero is a valid hash too
        for (int i = 0; i < 100; i++) registry.next(1000 + i); // grows past its first capacity
        assertThat(registry.next(7)).isEqualTo(4);
        assertThat(registry.next(1050)).isEqualTo(2);
    }

    private static void assertUnique(PopulationSpec spec, int n) {
        Set<String> usernames = new HashSet<>(n * 2);
        Set<String> emails = new HashSet<>(n * 2);
        PopulationGenerator.create().prepare(spec).generate(n, 2, agents -> agents, (agents, count) -> agents.forEach(a -> {
            if (!usernames.add(a.username())) fail("duplicate username " + a.username() + " at index " + a.index());
            if (!emails.add(a.email())) fail("duplicate email " + a.email() + " at index " + a.index());
        }));
        assertThat(usernames).hasSize(n);
    }
}

package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;

import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The epoch contract: these hashes of canonical NDJSON may only change together with a new generator epoch
 * (docs/determinism.md). A failure here means the output of epoch 1 changed — that is a bug, not a golden to update.
 */
class GoldenPopulationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        defaults, US       | 2000 | golden-1 |                          |                     |       |           |                     |                 | 0ccc1f3f55742095e4ce35ded9a3853c9eb1d493dd88423531f5d11d9b03c81e
        weighted mixes     | 2000 | golden-2 | female:0.6,male:0.3,non_binary:0.1 | MX:0.5,ES:0.3,PL:0.2 |       | 18-35     | music,hiking,chess  | agents.example.org | 5f3925d46e615cd3ec58e8bb6d02ce86360aaa29530a49a42fac45979365bf30
        one city, eastern  | 1000 | golden-3 | female                   | JP                  | Osaka | 60-90     |                     | mail.example.net | 59701f1d15e93e1c3e3091d199c10b4af5b4121f1856b13e7d62663587c57bfa
        """)
    void canonicalNdjsonIsFrozen(String name, String count, String seed, String gender, String country, String city,
                                 String age, String interests, String domain, String expected) throws Exception {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput(count, seed, gender, country, city, age, interests,
                domain, null, null));
        assertThat(Ndjson.sha256(Ndjson.of(spec, 2))).isEqualTo(expected);
    }
}

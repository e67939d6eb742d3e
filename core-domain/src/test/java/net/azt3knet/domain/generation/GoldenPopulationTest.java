package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;

import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The epoch contract: these hashes of canonical NDJSON may only change together with a new generator epoch
 * (docs/determinism.md). A failure here means the output of a shipped epoch changed — that is a bug, not a golden
 * to update.
 */
class GoldenPopulationTest {

    @ParameterizedTest(name = "epoch {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        1 | defaults, US       | 2000 | golden-1 |                          |                     |       |           |                     |                 | 0ccc1f3f55742095e4ce35ded9a3853c9eb1d493dd88423531f5d11d9b03c81e
        1 | weighted mixes     | 2000 | golden-2 | female:0.6,male:0.3,non_binary:0.1 | MX:0.5,ES:0.3,PL:0.2 |       | 18-35     | music,hiking,chess  | agents.example.org | 5f3925d46e615cd3ec58e8bb6d02ce86360aaa29530a49a42fac45979365bf30
        1 | one city, eastern  | 1000 | golden-3 | female                   | JP                  | Osaka | 60-90     |                     | mail.example.net | 59701f1d15e93e1c3e3091d199c10b4af5b4121f1856b13e7d62663587c57bfa
        2 | defaults, US       | 2000 | golden-1 |                          |                     |       |           |                     |                 | ee5b7841889e066ffb0758907bfa08132a719d9c696824b2a86fdb783223599e
        2 | weighted mixes     | 2000 | golden-2 | female:0.6,male:0.3,non_binary:0.1 | MX:0.5,ES:0.3,PL:0.2 |       | 18-35     | music,hiking,chess  | agents.example.org | 68d2e0282bc78b318693b83f5478c1124271af8c658c240c528aee6a7aa8ff16
        2 | one city, eastern  | 1000 | golden-3 | female                   | JP                  | Osaka | 60-90     |                     | mail.example.net | 71162360331fad9b44f92e325a2a7fcc95048267ccb39488dafa8a8236ab994b
        2 | Africa, gendered   | 1000 | golden-4 |                          | NG:0.3,ZA:0.3,RU:0.2,IS:0.2 |  | 13-90 |                     |                 | 1e88252c6c735ee3d4566289037e4d48684bc743cc243457c610d5b2cde8b176
        """)
    void canonicalNdjsonIsFrozen(String epoch, String name, String count, String seed, String gender, String country, String city,
                                 String age, String interests, String domain, String expected) throws Exception {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput(count, seed, gender, country, city, age, interests,
                domain, null, epoch));
        assertThat(Ndjson.sha256(Ndjson.of(spec, 2))).isEqualTo(expected);
    }
}

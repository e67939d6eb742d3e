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
        2 | defaults, US       | 2000 | golden-1 |                          |                     |       |           |                     |                 | bf7dd458a1b1b223ca031495f98531c18201ff6800127dd64fb7ee7ab2b5acaa
        2 | weighted mixes     | 2000 | golden-2 | female:0.6,male:0.3,non_binary:0.1 | MX:0.5,ES:0.3,PL:0.2 |       | 18-35     | music,hiking,chess  | agents.example.org | c44d12820cbbdcc94ad6fba90e538faeb81c3121630bd5d1d34b58037f502bee
        2 | one city, eastern  | 1000 | golden-3 | female                   | JP                  | Osaka | 60-90     |                     | mail.example.net | ed0f09bf57ee507d5222105f1f93ed36c4167280ac1795e6cd7b8ad5798f5b8a
        2 | Africa, gendered   | 1000 | golden-4 |                          | NG:0.3,ZA:0.3,RU:0.2,IS:0.2 |  | 13-90 |                     |                 | bdf540ad86461baccd3929f848d973a4e0e0c289c63f91bd1465ccc442e8df1f
        """)
    void canonicalNdjsonIsFrozen(String epoch, String name, String count, String seed, String gender, String country, String city,
                                 String age, String interests, String domain, String expected) throws Exception {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput(count, seed, gender, country, city, age, interests,
                domain, null, epoch));
        assertThat(Ndjson.sha256(Ndjson.of(spec, 2))).isEqualTo(expected);
    }
}

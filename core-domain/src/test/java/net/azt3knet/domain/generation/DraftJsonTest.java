package net.azt3knet.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.generation.PreparedPopulation.CanonicalLayout;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast canonical path writes exactly what CanonicalJson writes for the materialised agents. */
class DraftJsonTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        3000 | US:0.3,JP:0.2,PL:0.2,GR:0.1,CN:0.1,MT:0.1 |                                         | azt3knet.example
        2000 | DE:0.5,CH:0.5                              | "quoted" fun,back\\\\slash,Zürich café,日本語,😀 emoji | agents.example.org
        1500 | KR:0.5,TW:0.5                              | one                                     | x.example
        """)
    void matchesTheReferenceEncoderByteForByte(int count, String countries, String interests, String domain) {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput(Integer.toString(count), "draft-json",
                "female:0.4,male:0.4,non_binary:0.1,unspecified:0.1", countries, null, "13-90", interests, domain, null, null));
        PreparedPopulation population = PopulationGenerator.create().prepare(spec);

        ByteBuilder reference = new ByteBuilder(count * 800);
        population.stream().forEach(a -> CanonicalJson.appendLine(a, reference));
        for (int threads : new int[] {1, 3}) {
            assertThat(text(canonical(population, count, threads, CanonicalLayout.NDJSON))).isEqualTo(text(reference));
        }

        ByteBuilder array = new ByteBuilder(count * 800);
        population.stream().forEach(a -> {
            array.ascii(a.index() == 0 ? "\n" : ",\n");
            CanonicalJson.append(a, array);
        });
        assertThat(text(canonical(population, count, 2, CanonicalLayout.JSON_ARRAY_ELEMENTS))).isEqualTo(text(array));
    }

    private static ByteBuilder canonical(PreparedPopulation population, int count, int threads, CanonicalLayout layout) {
        ByteBuilder all = new ByteBuilder(count * 800);
        population.generateCanonical(count, threads, layout, (chunk, n) -> all.bytes(chunk.array(), chunk.length()));
        return all;
    }

    private static String text(ByteBuilder b) {
        return new String(b.array(), 0, b.length(), StandardCharsets.UTF_8);
    }
}

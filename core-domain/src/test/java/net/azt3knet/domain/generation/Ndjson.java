package net.azt3knet.domain.generation;

import java.security.MessageDigest;
import java.util.HexFormat;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.population.PopulationSpec;

/** Test helper: a population as canonical NDJSON bytes, generated on a given number of threads. */
final class Ndjson {

    private Ndjson() {
    }

    static byte[] of(PopulationSpec spec, int threads) {
        ByteBuilder all = new ByteBuilder(spec.count() * 800);
        PopulationGenerator.create().prepare(spec).generate(spec.count(), threads, agents -> {
            ByteBuilder b = new ByteBuilder(agents.size() * 800);
            agents.forEach(a -> CanonicalJson.appendLine(a, b));
            return b.toByteArray();
        }, (bytes, n) -> {
            for (byte x : bytes) all.append((char) (x & 0xFF));
        });
        return all.toByteArray();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

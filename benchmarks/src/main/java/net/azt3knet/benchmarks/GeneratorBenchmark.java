package net.azt3knet.benchmarks;

import java.util.concurrent.TimeUnit;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.generation.PreparedPopulation;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The generator core: agent profiles per second, on the pipeline the CLI uses. Scores are profiles/s (one
 * operation = one agent). Target (issue 2): ≥ 2,000,000 profiles/s with 2 threads on a 2-core machine.
 * One country in either epoch: {@code bench/jmh.sh GeneratorBenchmark.canonicalNdjson -p country=US -p epoch=1,2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GeneratorBenchmark {

    private static final int AGENTS = 200_000;

    @Param({"2"})
    public int threads;

    /** A country code (e.g. US, whose epoch-2 surname table is the largest), or "default" for the default mix. */
    @Param({"default"})
    public String country;

    /** A generator epoch, or "current". */
    @Param({"current"})
    public String epoch;

    private PreparedPopulation population;

    @Setup
    public void prepare() {
        PopulationSpec spec = country.equals("default") && epoch.equals("current") ? PopulationSpec.of(AGENTS, "jmh")
                : PopulationSpec.parse(new SpecInput(Integer.toString(AGENTS), "jmh", null,
                        country.equals("default") ? null : country, null, null, null, null, null,
                        epoch.equals("current") ? null : epoch));
        population = PopulationGenerator.create().prepare(spec);
    }

    /** Profiles as objects, usernames resolved: the domain's work without output encoding. */
    @Benchmark
    @OperationsPerInvocation(AGENTS)
    public long profiles(Blackhole hole) {
        return population.generate(AGENTS, threads, agents -> agents, (agents, n) -> hole.consume(agents));
    }

    /** Canonical NDJSON on the fast path: what `populate --format ndjson` does before writing. */
    @Benchmark
    @OperationsPerInvocation(AGENTS)
    public long canonicalNdjson(Blackhole hole) {
        return population.generateCanonical(AGENTS, threads, PreparedPopulation.CanonicalLayout.NDJSON,
                (bytes, n) -> hole.consume(bytes.length()));
    }

    /** Profiles encoded one by one with CanonicalJson: the reference encoder, for comparison. */
    @Benchmark
    @OperationsPerInvocation(AGENTS)
    public long profilesThenNdjson(Blackhole hole) {
        return population.generate(AGENTS, threads, agents -> {
            ByteBuilder out = new ByteBuilder(agents.size() * 800);
            agents.forEach(a -> CanonicalJson.appendLine(a, out));
            return out;
        }, (bytes, n) -> hole.consume(bytes));
    }
}

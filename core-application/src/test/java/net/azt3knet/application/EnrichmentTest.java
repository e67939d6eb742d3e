package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.enrichment.EnrichableField;
import net.azt3knet.domain.enrichment.EnrichedAgent;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.EnrichPopulationUseCase.EnrichmentReport;
import net.azt3knet.ports.in.EnrichmentFailedException;
import net.azt3knet.ports.in.EnrichmentOptions;
import net.azt3knet.ports.in.EnrichmentOptions.Fallback;
import net.azt3knet.ports.in.EnrichmentOptions.Mode;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.text.TextGenerationException;
import net.azt3knet.ports.out.text.TextGenerationException.Reason;
import net.azt3knet.ports.out.text.TextPrompt;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryGeneratedTextCache;
import net.azt3knet.testkit.fakes.ScriptedTextGeneration;
import org.junit.jupiter.api.Test;

/** generate_field through the replay cache: determinism, replay, refresh, rejection, fallback, audit. */
class EnrichmentTest {

    private static final PopulationSpec SPEC = PopulationSpec.of(700, "enrich"); // two chunks
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final InMemoryGeneratedTextCache cache = new InMemoryGeneratedTextCache();

    private EnrichPopulationService service(ScriptedTextGeneration model) {
        return new EnrichPopulationService(new GeneratePopulationService(PopulationGenerator.create()),
                new Enrichment(() -> model, cache, audit, clock));
    }

    private static EnrichmentOptions options(Mode mode, Fallback fallback, EnrichableField... fields) {
        return new EnrichmentOptions(Set.copyOf(List.of(fields)), "test-model", mode, fallback, 8, "cli:test", null);
    }

    private record Run(String ndjson, EnrichmentReport report) {
    }

    private static Run run(EnrichPopulationService service, EnrichmentOptions options, int threads) {
        StringBuilder out = new StringBuilder();
        EnrichmentReport report = service.generate(GeneratePopulationCommand.all(SPEC, threads), options, agents -> {
            ByteBuilder b = new ByteBuilder(4096);
            for (EnrichedAgent a : agents) {
                a.appendJson(b);
                b.append('\n');
            }
            return new String(b.toByteArray(), StandardCharsets.UTF_8);
        }, (chunk, n) -> out.append(chunk));
        return new Run(out.toString(), report);
    }

    private List<AuditEntry> audited(String action) {
        return audit.list(new AuditQuery(null, action, null, 10_000));
    }

    @Test
    void aSecondRunComesWhollyFromTheCacheAndReplayIsByteIdentical() {
        ScriptedTextGeneration model = ScriptedTextGeneration.echoingSeeds();
        EnrichmentOptions live = options(Mode.LIVE, Fallback.FAIL, EnrichableField.BIO, EnrichableField.BEHAVIORAL_BIASES);
        Run first = run(service(model), live, 2);
        assertThat(model.asked()).hasSize(1400);
        assertThat(first.report()).isEqualTo(new EnrichmentReport(700, 1400, 0, 1400, 0));
        assertThat(first.ndjson()).contains("\"bio\":\"text for seed ").contains("\"enriched\":{\"bio\":true,\"behavioral_biases\":true}");

        ScriptedTextGeneration second = ScriptedTextGeneration.echoingSeeds();
        Run again = run(service(second), live, 3);
        assertThat(second.asked()).isEmpty();
        assertThat(again.report()).isEqualTo(new EnrichmentReport(700, 1400, 1400, 0, 0));
        assertThat(again.ndjson()).isEqualTo(first.ndjson());

        Run replay = run(new EnrichPopulationService(new GeneratePopulationService(PopulationGenerator.create()),
                new Enrichment(() -> {
                    throw new AssertionError("a replay never builds a model client");
                }, cache, audit, clock)), options(Mode.REPLAY, Fallback.FAIL, EnrichableField.BIO, EnrichableField.BEHAVIORAL_BIASES), 1);
        assertThat(replay.ndjson()).isEqualTo(first.ndjson());
        assertThat(audited("population.enrich")).hasSize(3).allSatisfy(e -> assertThat(e.event().outcome()).isEqualTo("ok"));
        assertThat(audited("population.enrich").get(0).event().details()).containsEntry("calls", "1400")
                .containsEntry("fields", "bio,behavioral_biases").containsEntry("model", "test-model");
    }

    @Test
    void requestsUseTemperatureZeroAndASeedPerAgentAndField() {
        ScriptedTextGeneration model = ScriptedTextGeneration.echoingSeeds();
        run(service(model), options(Mode.LIVE, Fallback.FAIL, EnrichableField.TONE, EnrichableField.WRITING_STYLE), 2);
        assertThat(model.asked()).allSatisfy(p -> {
            assertThat(p.temperature()).isZero();
            assertThat(p.json()).isTrue();
            assertThat(p.model()).isEqualTo("test-model");
        });
        assertThat(model.asked().stream().map(TextPrompt::seed).distinct()).hasSize(1400);
    }

    @Test
    void aReplayMissFailsNamingTheAgentAndField() {
        run(service(ScriptedTextGeneration.echoingSeeds()), options(Mode.LIVE, Fallback.FAIL, EnrichableField.BIO), 2);
        assertThatThrownBy(() -> run(service(ScriptedTextGeneration.echoingSeeds()),
                options(Mode.REPLAY, Fallback.FAIL, EnrichableField.BIO, EnrichableField.TONE), 2))
                .isInstanceOf(EnrichmentFailedException.class)
                .hasMessageContaining("agent 0 (").hasMessageContaining("field tone")
                .hasMessageContaining("no cached answer for model test-model and template tone@1");
        assertThat(audited("population.enrich")).last().satisfies(e -> assertThat(e.event().outcome()).isEqualTo("failed"));
    }

    @Test
    void refreshAsksAgainAndOverwritesTheCache() {
        run(service(ScriptedTextGeneration.echoingSeeds()), options(Mode.LIVE, Fallback.FAIL, EnrichableField.TONE), 2);
        ScriptedTextGeneration changed = new ScriptedTextGeneration(p -> "{\"value\":\"calm\"}");
        Run refreshed = run(service(changed), options(Mode.REFRESH, Fallback.FAIL, EnrichableField.TONE), 2);
        assertThat(changed.asked()).hasSize(700);
        Run replay = run(service(ScriptedTextGeneration.echoingSeeds()), options(Mode.REPLAY, Fallback.FAIL, EnrichableField.TONE), 2);
        assertThat(replay.ndjson()).isEqualTo(refreshed.ndjson()).contains("\"tone\":\"calm\"");
    }

    @Test
    void aRejectedAnswerIsRetriedWithADerivedSubSeedAndTheReplayWalksTheSamePath() {
        // answers under an even seed leak an address; a retry's derived seed is even or odd by chance
        ScriptedTextGeneration model = new ScriptedTextGeneration(p -> p.seed() % 2 == 0
                ? "{\"value\":\"mail me at someone@example.org\"}" : "{\"value\":\"ok " + (char) ('a' + p.seed() % 26) + "\"}");
        Run live = run(service(model), options(Mode.LIVE, Fallback.FAIL, EnrichableField.TONE), 2);
        assertThat(model.asked().size()).isBetween(700 + 300, 700 * Enrichment.ATTEMPTS);
        assertThat(live.ndjson()).doesNotContain("@example.org").contains("\"tone\":\"ok ");
        assertThat(live.report().calls()).isEqualTo(model.asked().size());
        // about one in eight fields is rejected three times in a row
        assertThat(live.report().fallbacks()).isBetween(40L, 140L);
        Run replay = run(service(ScriptedTextGeneration.echoingSeeds()), options(Mode.REPLAY, Fallback.FAIL, EnrichableField.TONE), 2);
        assertThat(replay.ndjson()).isEqualTo(live.ndjson());
    }

    @Test
    void answersThatAreAlwaysRejectedKeepTheOfflineValueMarkedAndAudited() {
        ScriptedTextGeneration leaky = new ScriptedTextGeneration(p -> "{\"value\":\"call +1 415 555 0100\"}");
        Run run = run(service(leaky), options(Mode.LIVE, Fallback.FAIL, EnrichableField.BIO), 2);
        assertThat(leaky.asked()).hasSize(700 * Enrichment.ATTEMPTS);
        assertThat(run.report().fallbacks()).isEqualTo(700);
        assertThat(run.ndjson()).doesNotContain("415 555").contains("\"enriched\":{\"bio\":false}");
        String offline = PopulationGenerator.create().generate(SPEC).findFirst().orElseThrow().bio();
        assertThat(run.ndjson().lines().findFirst().orElseThrow()).contains(offline);
        List<AuditEntry> fallbacks = audited("llm.fallback");
        assertThat(fallbacks).isNotEmpty();
        assertThat(fallbacks.stream().mapToInt(e -> Integer.parseInt(e.event().details().get("count"))).sum()).isEqualTo(700);
        assertThat(fallbacks.get(0).event().details()).containsEntry("field", "bio")
                .hasEntrySatisfying("reason", r -> assertThat(r).contains("phone number"));
    }

    @Test
    void aFailingModelStopsTheRunNamingAgentAndFieldButKeepsWhatWasAnswered() {
        AtomicInteger calls = new AtomicInteger();
        Function<TextPrompt, String> script = p -> {
            if (calls.incrementAndGet() > 600) throw new TextGenerationException(Reason.UNREACHABLE, "cannot connect to the model server");
            return "{\"value\":\"fine\"}";
        };
        assertThatThrownBy(() -> run(service(new ScriptedTextGeneration(script)), options(Mode.LIVE, Fallback.FAIL, EnrichableField.TONE), 1))
                .isInstanceOf(EnrichmentFailedException.class)
                .hasMessageContaining("field tone: cannot connect to the model server")
                .hasMessageContaining("--llm-fallback offline");
        assertThat(cache.size()).isEqualTo(600);
        assertThat(audited("population.enrich")).last().satisfies(e -> assertThat(e.event().outcome()).isEqualTo("failed"));
    }

    @Test
    void withTheOfflineFallbackAFailingModelLeavesMarkedOfflineValues() {
        ScriptedTextGeneration down = new ScriptedTextGeneration(p -> {
            throw new TextGenerationException(Reason.SERVER_ERROR, "HTTP 503 (5 attempts)");
        });
        Run run = run(service(down), options(Mode.LIVE, Fallback.OFFLINE, EnrichableField.TONE, EnrichableField.INTERESTS), 2);
        assertThat(run.report().fallbacks()).isEqualTo(1400);
        assertThat(run.ndjson().lines()).allSatisfy(l -> assertThat(l).endsWith("\"enriched\":{\"interests\":false,\"tone\":false}}"));
        assertThat(audited("llm.fallback")).allSatisfy(e -> assertThat(e.event().details().get("reason")).contains("HTTP 503"));
        assertThat(cache.size()).isZero();
    }

    @Test
    void theModelNeverChangesWhoAnAgentIs() {
        ScriptedTextGeneration model = ScriptedTextGeneration.echoingSeeds();
        Run run = run(service(model), options(Mode.LIVE, Fallback.FAIL, EnumSet.allOf(EnrichableField.class).toArray(EnrichableField[]::new)), 2);
        List<String> plain = PopulationGenerator.create().generate(SPEC).map(a -> a.id() + a.name() + a.username() + a.email()).toList();
        List<String> enriched = run.ndjson().lines().map(l -> {
            String id = l.replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1");
            String name = l.replaceAll(".*?\"name\":\"([^\"]+)\".*", "$1");
            String username = l.replaceAll(".*?\"username\":\"([^\"]+)\".*", "$1");
            String email = l.replaceAll(".*?\"email\":\"([^\"]+)\".*", "$1");
            return id + name + username + email;
        }).toList();
        assertThat(enriched).isEqualTo(plain);
    }
}

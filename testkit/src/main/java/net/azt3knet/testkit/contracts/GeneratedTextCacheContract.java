package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.ports.out.text.CachedText;
import net.azt3knet.ports.out.text.GeneratedTextCache;
import net.azt3knet.ports.out.text.GeneratedTextCache.ImportReport;
import org.junit.jupiter.api.Test;

/** What every {@link GeneratedTextCache} must do. Keys are unique per test, so entries of other tests do not matter. */
public interface GeneratedTextCacheContract {

    GeneratedTextCache cache();

    private static CachedText entry(String key, String response) {
        return new CachedText(key, "test-model", "{\"seed\":1}", response, Instant.parse("2026-01-02T03:04:05Z"));
    }

    private static String key() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    default void findsWhatWasPutAndNothingElse() {
        String a = key();
        String b = key();
        cache().put(List.of(entry(a, "{\"value\":\"één – ünïcödé \\\"quoted\\\"\"}")));
        Map<String, CachedText> found = cache().find(List.of(a, b));
        assertThat(found).containsOnlyKeys(a);
        CachedText got = found.get(a);
        assertThat(got.response()).isEqualTo("{\"value\":\"één – ünïcödé \\\"quoted\\\"\"}");
        assertThat(got.model()).isEqualTo("test-model");
        assertThat(got.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    default void putReplacesTheAnswerUnderTheSameKey() {
        String a = key();
        cache().put(List.of(entry(a, "first")));
        cache().put(List.of(entry(a, "second")));
        assertThat(cache().find(List.of(a)).get(a).response()).isEqualTo("second");
    }

    @Test
    default void findsThousandsOfKeysAtOnce() {
        List<CachedText> many = new ArrayList<>();
        for (int i = 0; i < 4500; i++) many.add(entry(key(), "answer " + i));
        cache().put(many);
        Map<String, CachedText> found = cache().find(many.stream().map(CachedText::key).toList());
        assertThat(found).hasSize(4500);
        assertThat(found.get(many.get(4321).key()).response()).isEqualTo("answer 4321");
    }

    @Test
    default void exportHandsOutEveryEntryInKeyOrder() {
        String a = key();
        cache().put(List.of(entry(a, "exported")));
        List<CachedText> all = new ArrayList<>();
        cache().each(all::add);
        assertThat(all).extracting(CachedText::key).isSorted().contains(a);
        assertThat(cache().size()).isEqualTo(all.size());
    }

    @Test
    default void importAddsNewKeepsSameAndReportsConflicts() {
        String same = key();
        String conflict = key();
        String fresh = key();
        cache().put(List.of(entry(same, "s"), entry(conflict, "mine")));

        ImportReport kept = cache().importEntries(List.of(entry(same, "s"), entry(conflict, "theirs"), entry(fresh, "f")), false);
        assertThat(kept).isEqualTo(new ImportReport(1, 1, 1, false));
        assertThat(cache().find(List.of(conflict)).get(conflict).response()).isEqualTo("mine");
        assertThat(cache().find(List.of(fresh)).get(fresh).response()).isEqualTo("f");

        ImportReport replaced = cache().importEntries(List.of(entry(conflict, "theirs")), true);
        assertThat(replaced).isEqualTo(new ImportReport(0, 0, 1, true));
        assertThat(cache().find(List.of(conflict)).get(conflict).response()).isEqualTo("theirs");
    }

    @Test
    default void timestampsSurviveAtMicrosecondPrecision() {
        String a = key();
        Instant when = Instant.parse("2026-05-06T07:08:09.123456Z");
        cache().put(List.of(new CachedText(a, "m", "{}", "r", when)));
        assertThat(cache().find(List.of(a)).get(a).createdAt()).isEqualTo(when.truncatedTo(ChronoUnit.MICROS));
    }
}

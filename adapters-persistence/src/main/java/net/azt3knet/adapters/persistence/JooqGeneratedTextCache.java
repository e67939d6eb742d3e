package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.LLM_CACHE;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.azt3knet.adapters.persistence.jooq.tables.records.LlmCacheRecord;
import net.azt3knet.ports.out.text.CachedText;
import net.azt3knet.ports.out.text.GeneratedTextCache;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** {@link GeneratedTextCache} on the {@code llm_cache} table. */
final class JooqGeneratedTextCache implements GeneratedTextCache {

    /** Keys per query: well under PostgreSQL's 65,535 bind parameters, and a chunk of agents' fields at once. */
    private static final int BATCH = 2000;

    private final DSLContext dsl;

    JooqGeneratedTextCache(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Map<String, CachedText> find(Collection<String> keys) {
        return Translate.errors("read the LLM replay cache", () -> find(dsl, keys));
    }

    private static Map<String, CachedText> find(DSLContext tx, Collection<String> keys) {
        Map<String, CachedText> found = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> part = all.subList(from, Math.min(all.size(), from + BATCH));
            for (LlmCacheRecord r : tx.selectFrom(LLM_CACHE).where(LLM_CACHE.CACHE_KEY.in(part)).fetch()) {
                found.put(r.getCacheKey(), entry(r));
            }
        }
        return found;
    }

    @Override
    public void put(Collection<CachedText> entries) {
        Translate.errors("write to the LLM replay cache", () -> {
            dsl.transaction(cfg -> insert(cfg.dsl(), entries, true));
            return null;
        });
    }

    private static void insert(DSLContext tx, Collection<CachedText> entries, boolean replace) {
        List<CachedText> all = List.copyOf(entries);
        for (int from = 0; from < all.size(); from += BATCH / 5) {
            InsertValuesStep5<LlmCacheRecord, String, String, JSONB, String, OffsetDateTime> insert = tx.insertInto(LLM_CACHE,
                    LLM_CACHE.CACHE_KEY, LLM_CACHE.MODEL, LLM_CACHE.PARAMETERS, LLM_CACHE.RESPONSE, LLM_CACHE.CREATED_AT);
            for (CachedText e : all.subList(from, Math.min(all.size(), from + BATCH / 5))) {
                insert = insert.values(e.key(), e.model(), JSONB.jsonb(e.parameters()), e.response(),
                        e.createdAt().atOffset(ZoneOffset.UTC));
            }
            if (replace) {
                insert.onConflict(LLM_CACHE.CACHE_KEY).doUpdate()
                        .set(LLM_CACHE.MODEL, DSL.excluded(LLM_CACHE.MODEL))
                        .set(LLM_CACHE.PARAMETERS, DSL.excluded(LLM_CACHE.PARAMETERS))
                        .set(LLM_CACHE.RESPONSE, DSL.excluded(LLM_CACHE.RESPONSE))
                        .set(LLM_CACHE.CREATED_AT, DSL.excluded(LLM_CACHE.CREATED_AT))
                        .execute();
            } else {
                insert.onConflictDoNothing().execute();
            }
        }
    }

    @Override
    public void each(Consumer<CachedText> each) {
        Translate.errors("read the LLM replay cache", () -> dsl.transactionResult(cfg -> {
            try (Cursor<LlmCacheRecord> cursor = cfg.dsl().selectFrom(LLM_CACHE).orderBy(LLM_CACHE.CACHE_KEY)
                    .fetchSize(1000).fetchLazy()) {
                for (LlmCacheRecord r : cursor) each.accept(entry(r));
            }
            return null;
        }));
    }

    @Override
    public ImportReport importEntries(Collection<CachedText> entries, boolean replace) {
        return Translate.errors("import into the LLM replay cache", () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            Map<String, CachedText> incoming = new HashMap<>();
            for (CachedText e : entries) incoming.put(e.key(), e);
            Map<String, CachedText> existing = find(tx, incoming.keySet());
            List<CachedText> added = new ArrayList<>();
            List<CachedText> conflicting = new ArrayList<>();
            long unchanged = 0;
            for (CachedText e : incoming.values()) {
                CachedText old = existing.get(e.key());
                if (old == null) added.add(e);
                else if (old.response().equals(e.response())) unchanged++;
                else conflicting.add(e);
            }
            insert(tx, added, false);
            if (replace) insert(tx, conflicting, true);
            return new ImportReport(added.size(), unchanged, conflicting.size(), replace && !conflicting.isEmpty());
        }));
    }

    @Override
    public long size() {
        return Translate.errors("count the LLM replay cache", () -> (long) dsl.fetchCount(LLM_CACHE));
    }

    private static CachedText entry(LlmCacheRecord r) {
        return new CachedText(r.getCacheKey(), r.getModel(), r.getParameters().data(), r.getResponse(),
                r.getCreatedAt().toInstant());
    }
}

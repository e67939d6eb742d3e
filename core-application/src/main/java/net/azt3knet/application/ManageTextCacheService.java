package net.azt3knet.application;

import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.in.ManageTextCacheUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.text.CachedText;
import net.azt3knet.ports.out.text.GeneratedTextCache;
import net.azt3knet.ports.out.text.GeneratedTextCache.ImportReport;

/** Export and import of the replay cache, each recorded in the audit trail. */
public final class ManageTextCacheService implements ManageTextCacheUseCase {

    private final GeneratedTextCache cache;
    private final AuditTrail audit;

    public ManageTextCacheService(GeneratedTextCache cache, AuditTrail audit) {
        this.cache = cache;
        this.audit = audit;
    }

    @Override
    public long export(Consumer<CachedText> each, String actor) {
        long[] n = {0};
        cache.each(e -> {
            each.accept(e);
            n[0]++;
        });
        audit.append(AuditEvent.ok(actor, "llm_cache.export", "llm_cache", Map.of("entries", Long.toString(n[0]))));
        return n[0];
    }

    @Override
    public ImportReport importEntries(Collection<CachedText> entries, boolean replace, String actor) {
        ImportReport r = cache.importEntries(entries, replace);
        audit.append(AuditEvent.ok(actor, "llm_cache.import", "llm_cache", Map.of("added", Long.toString(r.added()),
                "unchanged", Long.toString(r.unchanged()), "conflicting", Long.toString(r.conflicting()),
                "replaced", Boolean.toString(r.replaced()))));
        return r;
    }

    @Override
    public long size() {
        return cache.size();
    }
}

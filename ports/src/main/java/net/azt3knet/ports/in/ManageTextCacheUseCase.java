package net.azt3knet.ports.in;

import java.util.Collection;
import java.util.function.Consumer;
import net.azt3knet.ports.out.text.CachedText;
import net.azt3knet.ports.out.text.GeneratedTextCache.ImportReport;

/** Driving port: move the LLM replay cache between installations, so a population can be reproduced elsewhere. */
public interface ManageTextCacheUseCase {

    /** Hands every cached answer to {@code each} in key order; returns how many. */
    long export(Consumer<CachedText> each, String actor);

    /** Adds entries in one transaction; see {@code GeneratedTextCache.importEntries}. */
    ImportReport importEntries(Collection<CachedText> entries, boolean replace, String actor);

    /** How many answers are cached. */
    long size();
}

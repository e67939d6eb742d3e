package net.azt3knet.adapters.mail;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.ports.out.mail.ReplyTemplates;

/**
 * {@link ReplyTemplates} on Pebble (Jinja-like syntax, HTML auto-escaping on): built-in templates, overridden per
 * population by {@code <overrides>/<population id>/reply.html} and {@code reply.txt} ({@code AZT3KNET_RESPONDER_TEMPLATES}).
 */
public final class PebbleReplyTemplates implements ReplyTemplates {

    private final Optional<Path> overrides;

    public PebbleReplyTemplates(Optional<Path> overrides) {
        this.overrides = overrides;
    }

    @Override
    public Rendered render(String population, Map<String, Object> variables) {
        throw new UnsupportedOperationException("skeleton: PebbleReplyTemplates.render");
    }
}

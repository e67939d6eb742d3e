package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import java.util.Optional;
import net.azt3knet.adapters.mail.AngusMessageCodec;
import net.azt3knet.adapters.mail.PebbleReplyTemplates;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import net.azt3knet.ports.in.ManageResponderUseCase;
import net.azt3knet.ports.in.RunResponderUseCase;
import net.azt3knet.ports.out.mail.MessageCodec;
import net.azt3knet.ports.out.mail.ReplyTemplates;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.responder.ResponderObserver;

/**
 * The AI responder's bindings: intake, queue, workers, drafts and privacy. The settings are read when the responder is
 * first asked for ({@code serve} with {@code AZT3KNET_RESPONDER=on}, which has checked them by then), so commands that
 * never answer mail need neither a model server nor the responder's settings.
 */
public final class ResponderModule extends AbstractModule {

    private final AppConfig config;

    public ResponderModule(AppConfig config) {
        this.config = config;
    }

    /**
     * What the responder's use cases and its queue are bound to by the bindings below; optional so that the admin API
     * and {@code serve} see whether the responder is wired into this build.
     */
    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), ManageResponderUseCase.class);
        OptionalBinder.newOptionalBinder(binder(), ErasePersonalDataUseCase.class);
        OptionalBinder.newOptionalBinder(binder(), RunResponderUseCase.class);
        OptionalBinder.newOptionalBinder(binder(), ReplyQueue.class);
    }

    /** The queue {@code /readyz} checks: only while the responder runs in this process. */
    @Provides
    @Singleton
    Checked checked(Optional<ReplyQueue> queue) {
        return new Checked(config.responderOn() ? queue : Optional.empty());
    }

    /** The responder's queue as the readiness check sees it. */
    record Checked(Optional<ReplyQueue> queue) {
    }

    @Provides
    @Singleton
    MessageCodec codec() {
        return new AngusMessageCodec();
    }

    @Provides
    @Singleton
    ReplyTemplates templates() {
        return new PebbleReplyTemplates(config.responderTemplates());
    }

    /** One forwarder for the process: the workers report to it, {@code serve}'s metrics subscribe to it. */
    @Provides
    @Singleton
    ResponderEvents events() {
        return new ResponderEvents();
    }

    @Provides
    ResponderObserver observer(ResponderEvents events) {
        return events;
    }
}

package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import net.azt3knet.adapters.mail.AngusMessageCodec;
import net.azt3knet.ports.out.mail.MessageCodec;

/** The AI responder's bindings: intake, queue, workers, drafts and privacy (skeleton: filled in with the issue). */
public final class ResponderModule extends AbstractModule {

    private final AppConfig config;

    public ResponderModule(AppConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    MessageCodec codec() {
        return new AngusMessageCodec();
    }
}

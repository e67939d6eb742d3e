package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import java.time.Clock;

/** The wall clock: only the app layer reads it, and hands it to whoever stamps times (audit, created_at). */
public final class ClockModule extends AbstractModule {

    @Provides
    Clock clock() {
        return Clock.systemUTC();
    }
}

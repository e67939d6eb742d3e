package net.azt3knet.ports.out.integration;

import java.time.Clock;

/** Driven port: what the process shares with the integrations it builds (the clock, the database connection pool). */
public interface IntegrationContext {

    /** The process clock. */
    Clock clock();

    /**
     * A shared resource by type, e.g. {@code javax.sql.DataSource}; the database starts on the first such request.
     *
     * @throws IllegalArgumentException when the process offers no resource of that type
     */
    <T> T resource(Class<T> type);
}

package net.azt3knet.adapters.http;

/**
 * Where every provider request made through {@link ProviderHttp} (or {@link #report reported} by a client of its own)
 * is reported, for metrics. Process-wide because the
 * adapters are built from settings records alone; the serving process installs one observer at start-up, and
 * without one nothing is recorded.
 */
public final class ProviderCalls {

    /** Told of each request and of circuit-breaker changes, on the calling thread; must be quick and never throw. */
    @FunctionalInterface
    public interface Observer {
        /**
         * One attempt.
         *
         * @param outcome the HTTP status as text ({@code 200}, {@code 429}), or {@code unreachable} / {@code timeout}
         */
        void call(String provider, String method, String outcome, long nanos);

        /** The provider's circuit breaker is now {@code closed}, {@code open} or {@code half_open}; ignored by default. */
        default void circuit(String provider, String state) {
        }
    }

    private static final Observer NONE = (provider, method, outcome, nanos) -> {
    };

    private static volatile Observer observer = NONE;

    private ProviderCalls() {
    }

    public static void observe(Observer o) {
        observer = o == null ? NONE : o;
    }

    /**
     * Reports one request made without {@link ProviderHttp} (Vault's client), so every integration is metered alike.
     *
     * @param outcome the HTTP status as text, or {@code unreachable} / {@code timeout}
     */
    public static void report(String provider, String method, String outcome, long nanos) {
        observer.call(provider, method, outcome, nanos);
    }

    static Observer observer() {
        return observer;
    }
}

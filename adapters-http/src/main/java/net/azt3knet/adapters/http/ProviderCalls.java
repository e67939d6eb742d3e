package net.azt3knet.adapters.http;

/**
 * Where every provider request made through {@link ProviderHttp} is reported, for metrics. Process-wide because the
 * adapters are built from settings records alone; the serving process installs one observer at start-up, and
 * without one nothing is recorded.
 */
public final class ProviderCalls {

    /** Told of each request and of circuit-breaker changes, on the calling thread; must be quick and never throw. */
    public interface Observer {
        /**
         * One attempt.
         *
         * @param outcome the HTTP status as text ({@code 200}, {@code 429}), or {@code unreachable} / {@code timeout}
         */
        void call(String provider, String method, String outcome, long nanos);

        /** The provider's circuit breaker is now {@code closed}, {@code open} or {@code half_open}. */
        void circuit(String provider, String state);
    }

    private static final Observer NONE = new Observer() {
        @Override
        public void call(String provider, String method, String outcome, long nanos) {
        }

        @Override
        public void circuit(String provider, String state) {
        }
    };

    private static volatile Observer observer = NONE;

    private ProviderCalls() {
    }

    public static void observe(Observer o) {
        observer = o == null ? NONE : o;
    }

    static Observer observer() {
        return observer;
    }
}

package net.azt3knet.adapters.smtp;

/**
 * Where the gateway reports what happens in its dialogues and to the messages it relays, for metrics. Process-wide,
 * like {@link net.azt3knet.adapters.http.ProviderCalls}: the serving process installs one observer at start-up, and
 * without one nothing is recorded.
 */
public final class SmtpEvents {

    /** Told on the session's or the relay's thread; must be quick and never throw. Every method does nothing by default. */
    public interface Observer {
        /**
         * A connection: {@code accepted}, or refused: {@code throttled} (too many failed logins from its address),
         * {@code per_client} (too many connections from its address), {@code total} (too many connections).
         */
        default void connection(String outcome) {
        }

        /** An accepted session ended: {@code queued} (at least one message was queued) or {@code empty}. */
        default void session(String outcome) {
        }

        /** A refused AUTH: {@code credentials} (wrong user or password) or {@code throttled} (not even checked). */
        default void authFailure(String reason) {
        }

        /** A reply the gateway decided: the greeting or a connection refusal, AUTH's, and those to MAIL, RCPT and DATA. */
        default void reply(int code) {
        }

        /** A message {@code accepted} (queued), or one relay attempt's end: {@code relayed}, {@code bounced}, {@code deferred}. */
        default void message(String outcome) {
        }
    }

    private static final Observer NONE = new Observer() {
    };

    private static volatile Observer observer = NONE;

    private SmtpEvents() {
    }

    public static void observe(Observer o) {
        observer = o == null ? NONE : o;
    }

    static Observer observer() {
        return observer;
    }
}

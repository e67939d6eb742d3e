package net.azt3knet.adapters.smtp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.azt3knet.ports.out.submission.SubmissionUser;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * What the gateway remembers per connection (the authenticated user, the messages accepted so far), the connection
 * limits (in total and per client address), the refusal of clients with too many failed logins, and the per-user and
 * per-sender message rates. State lives from accept to session end.
 */
final class Sessions implements SessionHandler {

    /** One connection's state; a session runs on one thread, but AUTH and DATA may be read from another at its end. */
    static final class State {
        private volatile SubmissionUser user;
        private volatile int messages;

        Optional<SubmissionUser> user() {
            return Optional.ofNullable(user);
        }

        void authenticated(SubmissionUser user) {
            this.user = user;
        }

        int messages() {
            return messages;
        }

        void accepted() {
            messages++;
        }
    }

    private final int maxConnections;
    private final SessionHandler perClient;
    private final AuthThrottle throttle;
    private final Optional<MessageRates> perUser;
    private final Optional<MessageRates> perSender;
    private final Map<Session, State> states = new ConcurrentHashMap<>();

    Sessions(SmtpServerSettings settings, AuthThrottle throttle) {
        this.maxConnections = settings.maxConnections();
        this.perClient = SessionHandler.limitConcurrentSessionsBySource(settings.maxConnectionsPerClient());
        this.throttle = throttle;
        this.perUser = settings.ratePerUser().map(MessageRates::new);
        this.perSender = settings.ratePerSender().map(MessageRates::new);
    }

    /** What SubEthaSMTP's own total limit must be so that this one, which is metered, refuses first. */
    static int libraryMaxConnections(int maxConnections) {
        return maxConnections == Integer.MAX_VALUE ? maxConnections : maxConnections + 1;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        SessionAcceptance a;
        String outcome;
        if (throttle.blocked(session.getRemoteAddress().getAddress())) {
            a = SessionAcceptance.failure(421, "4.7.0 Too many failed logins from your address; try again later");
            outcome = "throttled";
        } else if (states.size() >= maxConnections) {
            a = SessionAcceptance.failure(421, "4.7.0 Too many connections; try again later");
            outcome = "total";
        } else {
            a = perClient.accept(session);
            outcome = a.accepted() ? "accepted" : "per_client";
            if (a.accepted()) states.put(session, new State());
        }
        SmtpEvents.observer().connection(outcome);
        SmtpEvents.observer().reply(a.accepted() ? 220 : a.errorCode());
        return a;
    }

    @Override
    public void onSessionEnd(Session session) {
        State s = states.remove(session);
        perClient.onSessionEnd(session);
        if (s != null) SmtpEvents.observer().session(s.messages() > 0 ? "queued" : "empty");
    }

    /**
     * Counts one message for its user and its sender (the null sender of a bounce is not counted), or refuses it when
     * either is over its rate, with when to try again.
     */
    void count(Optional<SubmissionUser> user, String sender) throws RejectException {
        if (user.isPresent() && perUser.isPresent()) {
            Optional<java.time.Duration> wait = perUser.get().take(user.get().name());
            if (wait.isPresent()) {
                throw new RejectException(451, "4.7.1 Too many messages from user " + user.get().name() + " (at most "
                        + perUser.get().rate() + "); try again in " + MessageRates.seconds(wait.get()) + " s");
            }
        }
        if (!sender.isEmpty() && perSender.isPresent()) {
            Optional<java.time.Duration> wait = perSender.get().take(sender.toLowerCase(java.util.Locale.ROOT));
            if (wait.isPresent()) {
                throw new RejectException(452, "4.4.5 Too many messages from <" + sender + "> (at most "
                        + perSender.get().rate() + "); try again in " + MessageRates.seconds(wait.get()) + " s");
            }
        }
    }

    State of(MessageContext context) {
        State s = context instanceof Session session ? states.get(session) : null;
        if (s == null) throw new IllegalStateException("no state for SMTP session " + context.getSessionId());
        return s;
    }

    /** The user this session authenticated as: only while the library also counts it authenticated. */
    Optional<SubmissionUser> user(MessageContext context) {
        return context.getAuthenticationHandler().isPresent() ? of(context).user() : Optional.empty();
    }

    static boolean tls(MessageContext context) {
        return context instanceof Session session && session.isTLSStarted();
    }
}

package net.azt3knet.adapters.smtp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.azt3knet.ports.out.submission.SubmissionUser;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * What the gateway remembers per connection (the authenticated user, the messages accepted so far), the per-client
 * connection limit, and the refusal of clients with too many failed logins. State lives from accept to session end.
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

    private final SessionHandler perClient;
    private final AuthThrottle throttle;
    private final Map<Session, State> states = new ConcurrentHashMap<>();

    Sessions(int maxConnectionsPerClient, AuthThrottle throttle) {
        this.perClient = SessionHandler.limitConcurrentSessionsBySource(maxConnectionsPerClient);
        this.throttle = throttle;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        if (throttle.blocked(session.getRemoteAddress().getAddress())) {
            return SessionAcceptance.failure(421, "4.7.0 Too many failed logins from your address; try again later");
        }
        SessionAcceptance a = perClient.accept(session);
        if (a.accepted()) states.put(session, new State());
        return a;
    }

    @Override
    public void onSessionEnd(Session session) {
        states.remove(session);
        perClient.onSessionEnd(session);
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

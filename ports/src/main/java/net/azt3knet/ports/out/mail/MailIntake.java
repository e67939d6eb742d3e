package net.azt3knet.ports.out.mail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.responder.UidCheckpoints.Checkpoint;

/**
 * Driven port (integration kind {@code MAIL_INTAKE}): watches the agents' mailboxes on a mail server (IMAP IDLE within
 * a connection budget, the rest polled in rotation) and hands each new message over once, in UID order.
 */
public interface MailIntake {

    /** One mailbox to watch: the agent's address, the login and the password (its derived app password). */
    record Mailbox(String address, String username, Secret password) {
        public Mailbox {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Mailbox[" + username + ", password=***]";
        }
    }

    /** What the intake works from: the mailboxes (asked again every poll round), their checkpoints, and the sink. */
    interface Source {
        List<Mailbox> mailboxes();

        Optional<Checkpoint> checkpoint(String address);

        /**
         * Takes one new message; the intake moves the checkpoint to {@code at} only after this returns (at least once,
         * and the queue drops duplicates). An exception here stops the mailbox's round; it is tried again later.
         */
        void accept(String address, Checkpoint at, byte[] raw);
    }

    /** A running watch. */
    interface Watch extends AutoCloseable {
        /** How many mailboxes are in IDLE right now (connected; one waiting to reconnect is not) and how many are polled. */
        int idling();

        int polled();

        @Override
        void close();
    }

    /** Starts watching on threads of its own; returns at once. */
    Watch watch(Source source);

    /**
     * Logs in to the server once with {@code probe} (or only connects when empty) and logs out.
     *
     * @throws RuntimeException naming what is wrong (unreachable, TLS, refused login)
     */
    void check(Optional<Mailbox> probe);
}

package net.azt3knet.ports.out.submission;

import java.util.Optional;

/**
 * Driven port: who may submit mail through the SMTP gateway. Implementations compare secrets in constant time and take
 * as long for an unknown user as for a wrong password, so a client learns nothing from the timing.
 */
public interface SubmissionUsers {

    /** The user whose name and password these are; empty for an unknown user or a wrong password. */
    Optional<SubmissionUser> authenticate(String username, String password);
}

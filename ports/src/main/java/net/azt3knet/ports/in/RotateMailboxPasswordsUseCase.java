package net.azt3knet.ports.in;

import java.util.Set;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;

/** Driving port: give agents new mailbox passwords, derived from their next rotation, and set them at the provider. */
public interface RotateMailboxPasswordsUseCase {

    /**
     * Moves the given agents' passwords (all agents when {@code agents} is empty) to their next rotation, then
     * applies, which sets the new passwords at the provider.
     */
    ApplyReport rotatePasswords(ApplyCommand command, Set<Long> agents);
}

package net.azt3knet.ports.in;

import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.VerifyReport;

/** Driving port: check that a provider holds what the ledger says a population has there; nothing is written. */
public interface VerifyMailboxesUseCase {

    /** Reads every desired mailbox back from the provider. */
    VerifyReport verify(Target target);
}

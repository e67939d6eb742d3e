package net.azt3knet.ports.in;

import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.ports.out.crypto.RecipientKeys;

/** Driving port: new random keys for the operator ({@code keys generate}, {@code keys recipient}); nothing is stored. */
public interface GenerateKeysUseCase {

    /** A new random 32-byte master key. */
    MasterKey newMasterKey();

    /** A new key pair that receives credential exports (sealed boxes). */
    RecipientKeys newRecipientKeys();
}

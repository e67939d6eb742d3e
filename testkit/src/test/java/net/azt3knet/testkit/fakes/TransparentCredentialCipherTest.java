package net.azt3knet.testkit.fakes;

import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.testkit.contracts.ContentCipherContract;

/** The readable stand-in keeps content apart by key and context as the real cipher does (it hides nothing). */
class TransparentCredentialCipherTest implements ContentCipherContract {

    @Override
    public CredentialCipher contentCipher(String key) {
        return new TransparentCredentialCipher("k-" + key);
    }

    @Override
    public boolean authenticates() {
        return false;
    }
}

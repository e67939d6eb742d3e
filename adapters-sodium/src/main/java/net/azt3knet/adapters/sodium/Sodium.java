package net.azt3knet.adapters.sodium;

import com.goterl.lazysodium.SodiumJava;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;

/** The one libsodium binding of the process, initialised on first use. */
final class Sodium {

    private Sodium() {
    }

    private static final class Holder {
        static final SodiumJava SODIUM = init();

        private static SodiumJava init() {
            SodiumJava s = new SodiumJava();
            if (s.sodium_init() < 0) throw new IllegalStateException("libsodium failed to initialise");
            return s;
        }
    }

    static SodiumJava get() {
        return Holder.SODIUM;
    }

    static void check(int result, String what) {
        if (result != 0) throw new CredentialCryptoException(what + " failed");
    }
}

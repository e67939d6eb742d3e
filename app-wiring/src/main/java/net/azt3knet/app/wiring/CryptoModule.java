package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.function.Supplier;
import net.azt3knet.adapters.sodium.SodiumCredentialCrypto;
import net.azt3knet.application.GenerateKeysService;
import net.azt3knet.application.OpenCredentialExportService;
import net.azt3knet.ports.in.GenerateKeysUseCase;
import net.azt3knet.ports.in.OpenCredentialExportUseCase;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCrypto;
import net.azt3knet.ports.out.secret.SecretStore;

/** libsodium behind the crypto port; the master key is read only when a cipher is first needed. */
public final class CryptoModule extends AbstractModule {

    private final AppConfig config;

    public CryptoModule(AppConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    CredentialCrypto crypto() {
        return new SodiumCredentialCrypto();
    }

    /** The secret store, built when first asked for: only {@code keys rotate --save} writes to it. */
    @Provides
    Supplier<SecretStore> secrets() {
        return config::secretStore;
    }

    @Provides
    GenerateKeysUseCase keys(CredentialCrypto crypto) {
        return new GenerateKeysService(crypto);
    }

    @Provides
    @Singleton
    OpenCredentialExportUseCase openExports(CredentialCrypto crypto) {
        return new OpenCredentialExportService(crypto);
    }

    @Provides
    @Singleton
    Supplier<CredentialCipher> currentKey(CredentialCrypto crypto) {
        CredentialCipher[] cached = new CredentialCipher[1];
        return () -> {
            synchronized (cached) {
                if (cached[0] == null) cached[0] = crypto.cipher(config.masterKey());
                return cached[0];
            }
        };
    }
}

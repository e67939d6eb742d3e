package net.azt3knet.app.wiring;

import java.util.Arrays;
import java.util.Optional;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.secret.SecretStore;

/** {@link SecretStore} on the configuration layers themselves: environment, {@code .env}, config file. */
final class EnvironmentSecretStore implements SecretStore {

    private final AppConfig config;

    EnvironmentSecretStore(AppConfig config) {
        this.config = config;
    }

    @Override
    public Optional<Secret> secret(String name) {
        Optional<Setting> known = Arrays.stream(Setting.values()).filter(s -> s.variable().equals(name)).findFirst();
        return (known.isPresent() ? known.flatMap(config::layered) : config.variable(name, java.util.List.of())).map(Secret::of);
    }

    @Override
    public String describe() {
        return "the environment, .env and the config file";
    }
}

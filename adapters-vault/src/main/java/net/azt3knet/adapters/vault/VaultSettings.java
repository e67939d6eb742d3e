package net.azt3knet.adapters.vault;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import net.azt3knet.domain.credential.Secret;

/**
 * Where the secrets are in Vault.
 *
 * @param address   Vault's address, e.g. {@code https://vault.internal:8200}
 * @param token     the token ({@code VAULT_TOKEN})
 * @param mount     the KV version 2 mount, e.g. {@code secret}
 * @param path      the secret holding azt3knet's variables, e.g. {@code azt3knet}
 * @param namespace Vault Enterprise namespace, or {@code null}
 * @param timeout   connect and read timeout
 */
public record VaultSettings(URI address, Secret token, String mount, String path, String namespace, Duration timeout) {

    public VaultSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        mount = trimSlashes(mount);
        path = trimSlashes(path);
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }

    /** {@code mount/path}, as operators write it. */
    public String location() {
        return mount + "/" + path;
    }
}

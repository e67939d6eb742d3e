package net.azt3knet.app.wiring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.secret.SecretStore;
import net.azt3knet.ports.out.secret.SecretStoreException;
import net.azt3knet.ports.out.secret.SecretWriter;

/**
 * {@link SecretStore} on a directory with one file per secret, named like the variable: the layout of Docker and
 * Kubernetes secrets ({@code /run/secrets/SECRET_KEY_FOR_KV_ENC}). Written files get mode 0600.
 */
final class FileSecretStore implements SecretStore, SecretWriter {

    private final Path dir;

    FileSecretStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<Secret> secret(String name) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) return Optional.empty();
        try {
            String v = Files.readString(file, StandardCharsets.UTF_8).strip();
            return v.isEmpty() ? Optional.empty() : Optional.of(Secret.of(v));
        } catch (IOException e) {
            throw new SecretStoreException("cannot read secret file " + file + ": " + e.getClass().getSimpleName()
                    + "; check its permissions");
        }
    }

    @Override
    public void put(String name, Secret value) {
        Path file = dir.resolve(name);
        try {
            // A link (how Kubernetes lays out secrets, or an operator's own) is followed and kept: its target gets the
            // value. Anything but a regular file is left alone: replacing it would destroy it.
            Path target = Files.isSymbolicLink(file) ? linkTarget(file) : file;
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                throw new SecretStoreException("cannot write secret file " + file + ": " + target
                        + " is not a regular file; remove it or point the link at a file");
            }
            Path tmp = Files.createTempFile(target.getParent(), "." + name, ".tmp",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, value.reveal() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SecretStoreException("cannot write secret file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static Path linkTarget(Path link) throws IOException {
        try {
            return link.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SecretStoreException("cannot write secret file " + link + ": it is a link to a missing file ("
                    + Files.readSymbolicLink(link) + "); create the file or remove the link");
        }
    }

    @Override
    public String describe() {
        return "secret files in " + dir;
    }
}

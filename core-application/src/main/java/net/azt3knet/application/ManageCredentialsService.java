package net.azt3knet.application;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.in.ManageCredentialsUseCase;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCrypto;
import net.azt3knet.ports.out.secret.SecretStore;
import net.azt3knet.ports.out.secret.SecretWriter;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.StoredCredential;

/** Key rotation and credential export in sealed boxes. The current key is asked for only when needed. */
public final class ManageCredentialsService implements ManageCredentialsUseCase {

    /** First bytes of an export file: says what it is and which format version. */
    static final byte[] EXPORT_MAGIC = "AZT3KNET-CREDENTIALS-1\n".getBytes(StandardCharsets.US_ASCII);

    private final CredentialCrypto crypto;
    private final Supplier<CredentialCipher> currentKey;
    private final PopulationStore populations;
    private final CredentialStore credentials;
    private final MasterKeyGuard guard;
    private final AuditTrail audit;
    private final Supplier<SecretStore> secrets;

    /** @param secrets where {@code keys rotate --save} writes the new key; asked for only then */
    public ManageCredentialsService(CredentialCrypto crypto, Supplier<CredentialCipher> currentKey, PopulationStore populations,
                                    CredentialStore credentials, AuditTrail audit, Supplier<SecretStore> secrets) {
        this.secrets = secrets;
        this.crypto = crypto;
        this.currentKey = currentKey;
        this.populations = populations;
        this.credentials = credentials;
        this.guard = new MasterKeyGuard(credentials);
        this.audit = audit;
    }

    @Override
    public RotationReport rotate(MasterKey newKey, String actor, boolean save) {
        SecretStore store = save ? secrets.get() : null;
        if (save && !(store instanceof SecretWriter)) { // refused before any credential is touched
            throw new net.azt3knet.ports.in.RejectedCommandException("--save: " + store.describe() + " cannot be written;"
                    + " use AZT3KNET_SECRETS=file or vault, or leave out --save and set " + MasterKey.VARIABLE + " yourself");
        }
        CredentialCipher from = currentKey.get();
        CredentialCipher to = crypto.cipher(newKey);
        if (to.keyId().equals(from.keyId())) {
            throw new net.azt3knet.ports.in.RejectedCommandException("the new key is the current key (" + from.keyId() + "); generate a new one with"
                    + " 'azt3knet keys generate'");
        }
        long resealed = credentials.reseal(to.keyId(), c -> new StoredCredential(c.ref(), c.email(), c.username(),
                to.seal(c.ref(), from.open(c.ref(), c.sealed()))),
                AuditEvent.ok(actor, "keys.rotate", "credentials", Map.of("from_key_id", from.keyId(), "to_key_id", to.keyId())));
        if (!save) return new RotationReport(from.keyId(), to.keyId(), resealed, null);
        ((SecretWriter) store).put(MasterKey.VARIABLE, Secret.of(newKey.encode()));
        audit.append(AuditEvent.ok(actor, "keys.save", "secret:" + MasterKey.VARIABLE,
                Map.of("key_id", to.keyId(), "store", store.describe())));
        return new RotationReport(from.keyId(), to.keyId(), resealed, store.describe());
    }

    @Override
    public byte[] export(UUID population, byte[] recipientPublicKey, String actor) {
        byte[] csv = csv(population);
        try {
            byte[] box = crypto.sealFor(recipientPublicKey, csv);
            byte[] file = Arrays.copyOf(EXPORT_MAGIC, EXPORT_MAGIC.length + box.length);
            System.arraycopy(box, 0, file, EXPORT_MAGIC.length, box.length);
            audit.append(AuditEvent.ok(actor, "credentials.export", "population:" + population, Map.of("form", "sealed box")));
            return file;
        } finally {
            Arrays.fill(csv, (byte) 0);
        }
    }

    @Override
    public byte[] exportPlaintext(UUID population, String actor) {
        byte[] csv = csv(population);
        audit.append(AuditEvent.ok(actor, "credentials.export", "population:" + population, Map.of("form", "plaintext")));
        return csv;
    }

    @Override
    public void checkMasterKey() {
        guard.check(currentKey.get());
    }

    private byte[] csv(UUID population) {
        if (populations.find(population).isEmpty()) throw new UnknownPopulationException(population);
        CredentialCipher cipher = currentKey.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("index,username,email,password,app_password\n".getBytes(StandardCharsets.US_ASCII));
        credentials.credentials(population, c -> {
            Secret password = cipher.open(c.ref(), c.sealed());
            out.writeBytes((c.ref().agentIndex() + "," + c.username() + "," + c.email() + "," + password.reveal() + ","
                    + cipher.deriveAppPassword(password).reveal() + "\n").getBytes(StandardCharsets.UTF_8));
        });
        return out.toByteArray();
    }
}

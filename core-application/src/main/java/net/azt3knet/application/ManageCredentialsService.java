package net.azt3knet.application;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
import net.azt3knet.ports.out.crypto.CredentialCryptoException;
import net.azt3knet.ports.out.secret.SecretStore;
import net.azt3knet.ports.out.secret.SecretWriter;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.SealedMailStore;
import net.azt3knet.ports.out.store.SealedMailStore.Box;
import net.azt3knet.ports.out.store.SealedMailStore.Place;
import net.azt3knet.ports.out.store.SealedMailStore.Replacement;
import net.azt3knet.ports.out.store.StoredCredential;

/**
 * Key rotation and credential export in sealed boxes. The current key is asked for only when needed.
 *
 * <p>A rotation re-encrypts everything sealed under the master key: the credentials in one transaction, then the kept
 * mail (spool, mailboxes, the responder's mail and replies) a page at a time. Mail boxes carry no key id, so a box that
 * already opens under the new key is taken as done: a rotation run again after an interruption, or after mail was
 * written under the old key meanwhile, finishes the job and changes nothing else.
 */
public final class ManageCredentialsService implements ManageCredentialsUseCase {

    /** First bytes of an export file: says what it is and which format version. */
    static final byte[] EXPORT_MAGIC = "AZT3KNET-CREDENTIALS-1\n".getBytes(StandardCharsets.US_ASCII);

    /** Each place of sealed mail, the context its boxes are bound to, and its name in reports; in report order. */
    private record MailPlace(Place place, String context, String name) {
    }

    private static final List<MailPlace> MAIL = List.of(
            new MailPlace(Place.SPOOL, SealedMessageSpool.CONTEXT, "spool"),
            new MailPlace(Place.MAILBOX, SealedInboundMailbox.CONTEXT, "mailboxes"),
            new MailPlace(Place.RESPONDER_MAIL, ResponderIntakeService.MAIL_CONTEXT, "responder_mail"),
            new MailPlace(Place.RESPONDER_REPLY, ResponderService.REPLY_CONTEXT, "responder_replies"));

    /** A page of mail to re-encrypt: bounded in rows and in bytes, so a spool of large messages is not held at once. */
    static final int PAGE = 500;
    static final long PAGE_BYTES = 16L << 20;

    private final CredentialCrypto crypto;
    private final Supplier<CredentialCipher> currentKey;
    private final PopulationStore populations;
    private final CredentialStore credentials;
    private final SealedMailStore mail;
    private final MasterKeyGuard guard;
    private final AuditTrail audit;
    private final Supplier<SecretStore> secrets;

    /** @param secrets where {@code keys rotate --save} writes the new key; asked for only then */
    public ManageCredentialsService(CredentialCrypto crypto, Supplier<CredentialCipher> currentKey, PopulationStore populations,
                                    CredentialStore credentials, SealedMailStore mail, AuditTrail audit,
                                    Supplier<SecretStore> secrets) {
        this.secrets = secrets;
        this.mail = mail;
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
        MailRotation mailRotated = resealMail(from, to, actor);
        if (!save) return new RotationReport(from.keyId(), to.keyId(), resealed, mailRotated, null);
        ((SecretWriter) store).put(MasterKey.VARIABLE, Secret.of(newKey.encode()));
        audit.append(AuditEvent.ok(actor, "keys.save", "secret:" + MasterKey.VARIABLE,
                Map.of("key_id", to.keyId(), "store", store.describe())));
        return new RotationReport(from.keyId(), to.keyId(), resealed, mailRotated, store.describe());
    }

    /** Re-encrypts every place's mail from {@code from} to {@code to}, and records what it did when there was any. */
    private MailRotation resealMail(CredentialCipher from, CredentialCipher to, String actor) {
        Map<String, Long> resealed = new LinkedHashMap<>();
        long unopened = 0;
        for (MailPlace p : MAIL) {
            Counts counts = reseal(p, from, to);
            resealed.put(p.name(), counts.resealed());
            unopened += counts.unopened();
        }
        if (resealed.values().stream().anyMatch(n -> n > 0) || unopened > 0) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("from_key_id", from.keyId());
            details.put("to_key_id", to.keyId());
            resealed.forEach((name, n) -> details.put(name, Long.toString(n)));
            details.put("unopened", Long.toString(unopened));
            audit.append(AuditEvent.ok(actor, "keys.rotate", "stored mail", details));
        }
        return new MailRotation(resealed, unopened);
    }

    /** What a place's pass did: boxes re-encrypted, and boxes that open under neither key. */
    private record Counts(long resealed, long unopened) {
    }

    private Counts reseal(MailPlace p, CredentialCipher from, CredentialCipher to) {
        long resealed = 0;
        long unopened = 0;
        long after = 0;
        for (List<Box> page = mail.boxes(p.place(), after, PAGE, PAGE_BYTES); !page.isEmpty();
             page = mail.boxes(p.place(), after, PAGE, PAGE_BYTES)) {
            List<Replacement> next = new ArrayList<>(page.size());
            for (Box box : page) {
                after = box.id();
                if (opens(to, p.context(), box.sealed())) continue; // done by an earlier run, or written under the new key
                byte[] plain;
                try {
                    plain = from.openContent(p.context(), box.sealed());
                } catch (CredentialCryptoException e) {
                    unopened++; // under a third key, or altered: left as it is, for the operator to see in the report
                    continue;
                }
                try {
                    next.add(new Replacement(box.id(), box.sealed(), to.sealContent(p.context(), plain)));
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            }
            resealed += mail.replace(p.place(), next);
        }
        return new Counts(resealed, unopened);
    }

    private static boolean opens(CredentialCipher key, String context, byte[] box) {
        try {
            Arrays.fill(key.openContent(context, box), (byte) 0);
            return true;
        } catch (CredentialCryptoException e) {
            return false;
        }
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

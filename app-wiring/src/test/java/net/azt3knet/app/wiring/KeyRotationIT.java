package net.azt3knet.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.adapters.sodium.SodiumCredentialCrypto;
import net.azt3knet.application.SealedInboundMailbox;
import net.azt3knet.application.SealedMessageSpool;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.ManageCredentialsUseCase;
import net.azt3knet.ports.in.ManageCredentialsUseCase.RotationReport;
import net.azt3knet.ports.in.PersistPopulationUseCase;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;
import net.azt3knet.ports.out.responder.ReplyQueue.NewMail;
import net.azt3knet.ports.out.responder.ReplyStore.NewReply;
import net.azt3knet.ports.out.responder.ReplyStore.State;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.store.StoredCredential;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code keys rotate} as the commands wire it, on embedded PostgreSQL with the libsodium cipher: everything sealed
 * under the master key (credentials, spool, mailboxes, the responder's mail and replies) opens under the new key
 * afterwards and no longer under the old one, and a second run finishes only what was written meanwhile.
 */
class KeyRotationIT {

    private static final SodiumCredentialCrypto CRYPTO = new SodiumCredentialCrypto();
    private static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");
    // the contexts as stored data binds them: a change here is a change of the stored format
    private static final String RESPONDER_MAIL = "responder.mail";
    private static final String RESPONDER_REPLY = "responder.reply";

    private static Lifecycle lifecycle;
    private static PostgresPersistence db;
    private static MasterKey oldKey;
    private static CredentialCipher oldCipher;
    private static String agent;
    private static String population;

    @BeforeAll
    static void start() throws Exception {
        Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
        Path home = Files.createTempDirectory(target, "key-rotation-it-");
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/azt3knet";
        oldKey = CRYPTO.newMasterKey();
        oldCipher = CRYPTO.cipher(oldKey);
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "AZT3KNET_DATA_DIR", home.resolve("data").toString(),
                "AZT3KNET_CACHE_DIR", cache, "AZT3KNET_RESPONDER", "off",
                "SECRET_KEY_FOR_KV_ENC", Base64.getEncoder().encodeToString(oldKey.bytes())));
        lifecycle = ProductionModules.start(ProductionModules.storage(AppConfig.load(env, home, null, Map.of())));
        db = lifecycle.injector().getInstance(PostgresPersistence.class);
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(3, "key-rotation");
        lifecycle.injector().getInstance(PersistPopulationUseCase.class).persist(new PersistPopulationCommand(spec, 1, "test", null));
        agent = StoreFixtures.agentsOf(spec).getFirst().email();
        population = spec.populationId().toString();
    }

    @AfterAll
    static void stop() {
        if (lifecycle != null) lifecycle.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static QueueId spool(CredentialCipher key, String body) {
        return new SealedMessageSpool(db.messageSpool(), () -> key, Clock.systemUTC()).store(
                new Envelope(agent, List.of("ada@example.net"), Optional.of(agent), "192.0.2.9", "client.example.org"),
                bytes("Subject: " + body + "\r\n\r\n" + body + "\r\n"));
    }

    private static String spooled(CredentialCipher key, QueueId id) {
        return text(new SealedMessageSpool(db.messageSpool(), () -> key, Clock.systemUTC()).find(id).orElseThrow().content());
    }

    private static RotationReport rotate(MasterKey to) {
        return lifecycle.injector().getInstance(ManageCredentialsUseCase.class).rotate(to, "cli:tester", false);
    }

    @Test
    void everythingSealedUnderTheOldKeyOpensUnderTheNewOneAndASecondRunFinishesWhatWasWrittenMeanwhile() {
        QueueId first = spool(oldCipher, "first");
        QueueId second = spool(oldCipher, "second");
        SealedInboundMailbox oldMailbox = new SealedInboundMailbox(db.inboundMessages(), () -> oldCipher);
        oldMailbox.deliver(new InboundMessage("<1@x>", agent, "ana@outside.example", "the first subject", "smtp", "Subject: 1\r\n\r\none\r\n", AT));
        oldMailbox.deliver(new InboundMessage("<2@x>", agent, "ana@outside.example", null, "smtp", "two\r\n", AT.plusSeconds(1)));
        long mail = db.replyQueue().enqueue(new NewMail(agent, population, "<3@x>", "smtp", "<3@x>", "h".repeat(64),
                oldCipher.sealContent(RESPONDER_MAIL, bytes("the mail to answer")), AT)).orElseThrow().id();
        long reply = db.replyStore().add(new NewReply(mail, agent, population, "r".repeat(64), "<3@x>", "Re: hello", State.DRAFT, 10,
                oldCipher.sealContent(RESPONDER_REPLY, bytes("the draft reply")), Optional.empty(), AT)).id();
        CredentialCipher third = CRYPTO.cipher(CRYPTO.newMasterKey());
        QueueId foreign = spool(third, "under a third key");

        MasterKey newKey = CRYPTO.newMasterKey();
        CredentialCipher newCipher = CRYPTO.cipher(newKey);
        RotationReport report = rotate(newKey);

        assertThat(report.resealed()).as("credentials").isEqualTo(3);
        assertThat(report.mail().resealed()).containsExactly(Map.entry("spool", 2L), Map.entry("mailboxes", 2L),
                Map.entry("responder_mail", 1L), Map.entry("responder_replies", 1L));
        assertThat(report.mail().unopened()).isEqualTo(1);

        assertThat(spooled(newCipher, first)).contains("first");
        assertThat(spooled(newCipher, second)).contains("second");
        assertThat(new SealedMessageSpool(db.messageSpool(), () -> oldCipher, Clock.systemUTC()).find(first).orElseThrow().sealed())
                .as("the old key no longer opens it").isTrue();
        assertThat(spooled(third, foreign)).as("left as it was").contains("under a third key");
        assertThat(new SealedInboundMailbox(db.inboundMessages(), () -> newCipher).messages(agent, 10))
                .extracting(InboundMessage::subject, InboundMessage::payload)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("the first subject", "Subject: 1\r\n\r\none\r\n"),
                        org.assertj.core.groups.Tuple.tuple(null, "two\r\n"));
        assertThatThrownBy(() -> oldMailbox.messages(agent, 10)).hasMessageContaining("cannot be opened with the master key in use");
        byte[] queued = db.replyQueue().thread(agent, "<3@x>", 10).getFirst().content();
        assertThat(text(newCipher.openContent(RESPONDER_MAIL, queued))).isEqualTo("the mail to answer");
        assertThatThrownBy(() -> oldCipher.openContent(RESPONDER_MAIL, queued)).isInstanceOf(CredentialCryptoException.class);
        byte[] draft = db.replyStore().find(reply).orElseThrow().content();
        assertThat(text(newCipher.openContent(RESPONDER_REPLY, draft))).isEqualTo("the draft reply");
        db.credentials().credentials(java.util.UUID.fromString(population), (StoredCredential c) ->
                assertThat(c.sealed().keyId()).isEqualTo(newCipher.keyId()));

        List<AuditEntry> rotations = new java.util.ArrayList<>();
        db.auditTrail().scan(e -> {
            if (e.event().action().equals("keys.rotate") && e.event().target().equals("stored mail")) rotations.add(e);
            return true;
        });
        assertThat(rotations).hasSize(1);
        assertThat(rotations.getFirst().event().details()).containsEntry("spool", "2").containsEntry("mailboxes", "2")
                .containsEntry("responder_mail", "1").containsEntry("responder_replies", "1").containsEntry("unopened", "1")
                .containsEntry("to_key_id", newCipher.keyId()).containsEntry("from_key_id", oldCipher.keyId());

        // a process still on the old key spooled one more message after the rotation: running it again finishes that one
        QueueId late = spool(oldCipher, "late");
        RotationReport again = rotate(newKey);
        assertThat(again.resealed()).isZero();
        assertThat(again.mail().resealed()).containsEntry("spool", 1L).containsEntry("mailboxes", 0L);
        assertThat(again.mail().total()).isEqualTo(1);
        assertThat(spooled(newCipher, late)).contains("late");
        assertThat(spooled(newCipher, first)).as("untouched by the second run").contains("first");
    }
}

package net.azt3knet.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.adapters.sodium.SodiumCredentialCrypto;
import net.azt3knet.application.SealedInboundMailbox;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import net.azt3knet.ports.in.ReadAgentMailUseCase;
import net.azt3knet.ports.in.ReceiveInboundMailUseCase;
import net.azt3knet.ports.in.ReceiveInboundMailUseCase.Received;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.SealAgentMailUseCase;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agents' mailbox store as {@code serve} wires it, on embedded PostgreSQL with the libsodium cipher: what the table
 * holds is read raw, beside what the use cases give back.
 */
class SealedAgentMailIT {

    private static final String SUBJECT = "Quarterly numbers for Ada";
    private static final String BODY = "the confidential body of the message";

    private static Map<String, String> env;
    private static Path home;
    private static Lifecycle lifecycle;
    private static PostgresPersistence db;
    private static String agent;

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        home = Files.createTempDirectory(target, "sealed-mail-it-");
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/azt3knet";
        env = new HashMap<>(Map.of("HOME", home.toString(), "AZT3KNET_DATA_DIR", home.resolve("data").toString(),
                "AZT3KNET_CACHE_DIR", cache, "AZT3KNET_RESPONDER", "off"));
        env.put("SECRET_KEY_FOR_KV_ENC", java.util.Base64.getEncoder().encodeToString(new SodiumCredentialCrypto().newMasterKey().bytes()));
        lifecycle = ProductionModules.start(ProductionModules.storage(AppConfig.load(env, home, null, Map.of())));
        db = lifecycle.injector().getInstance(PostgresPersistence.class);
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(1, "sealed-mail");
        var records = StoreFixtures.agentsOf(spec);
        db.populations().save(StoreFixtures.aHeader(spec, Instant.parse("2026-01-01T00:00:00Z")), StoreFixtures.feedOf(records, 1),
                AuditEvent.ok("test", "population.persist", "population:" + spec.populationId(), Map.of()));
        agent = records.getFirst().email();
    }

    @AfterAll
    static void stop() {
        if (lifecycle != null) lifecycle.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute("DELETE FROM inbound_message");
        }
    }

    private static <T> T get(Class<T> type) {
        return lifecycle.injector().getInstance(type);
    }

    private static Received received(String id) {
        return new Received("smtp", agent, "ana@outside.example", SUBJECT, id,
                "Subject: " + SUBJECT + "\r\nMessage-ID: " + id + "\r\n\r\n" + BODY + "\r\n");
    }

    private record Raw(String sender, String subject, String payload, byte[] content) {
    }

    private static List<Raw> raw() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             ResultSet r = c.createStatement().executeQuery("SELECT sender, subject, payload, content FROM inbound_message ORDER BY id")) {
            List<Raw> rows = new ArrayList<>();
            while (r.next()) rows.add(new Raw(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4)));
            return rows;
        }
    }

    /** As V3 wrote a row (subject and payload in the clear, no content column). */
    private static void insertAsAnEarlierRelease(String id, String sender) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO inbound_message (message_id, recipient, sender, subject, source,"
                     + " payload, received_at) VALUES (?, ?, ?, ?, 'smtp', ?, ?)")) {
            s.setString(1, id);
            s.setString(2, agent);
            s.setString(3, sender);
            s.setString(4, SUBJECT);
            s.setString(5, BODY);
            s.setTimestamp(6, Timestamp.from(Instant.parse("2025-06-01T12:00:00Z")));
            s.executeUpdate();
        }
    }

    private static void assertSealed(Raw row) {
        assertThat(row.subject()).isNull();
        assertThat(row.payload()).isNull();
        String bytes = new String(row.content(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("Quarterly").doesNotContain("confidential").doesNotContain("Subject:");
    }

    @Test
    void receivedMailIsStoredWithoutPlaintextAndReadsBackThroughTheUseCases() throws Exception {
        assertThat(get(ReceiveInboundMailUseCase.class).receive(received("<1@client.example>"))).isEqualTo(Delivery.STORED);

        List<Raw> rows = raw();
        assertThat(rows).hasSize(1);
        assertSealed(rows.getFirst());
        assertThat(rows.getFirst().sender()).as("in the clear for erasure").isEqualTo("ana@outside.example");

        ReadAgentMailUseCase read = get(ReadAgentMailUseCase.class);
        InboundMessage listed = read.list(agent, 10).getFirst();
        assertThat(listed.subject()).isEqualTo(SUBJECT);
        assertThat(listed.sender()).isEqualTo("ana@outside.example");
        assertThat(read.show(agent, "<1@client.example>").orElseThrow().payload()).contains(BODY);
    }

    @Test
    void aRowOfAnEarlierReleaseReadsBackAndIsSealedInPlaceByThePass() throws Exception {
        insertAsAnEarlierRelease("<old@client.example>", "ana@outside.example");
        ReadAgentMailUseCase read = get(ReadAgentMailUseCase.class);
        InboundMessage before = read.list(agent, 10).getFirst();
        assertThat(before.payload()).isEqualTo(BODY);

        assertThat(get(SealAgentMailUseCase.class).sealStored()).isEqualTo(1);
        assertSealed(raw().getFirst());
        assertThat(read.list(agent, 10)).containsExactly(before);
        assertThat(get(SealAgentMailUseCase.class).sealStored()).isZero();
    }

    @Test
    void erasureStillFindsSealedAndClearRowsBySender() throws Exception {
        get(ReceiveInboundMailUseCase.class).receive(received("<1@client.example>"));
        insertAsAnEarlierRelease("<old@client.example>", "Ana@Outside.example");
        insertAsAnEarlierRelease("<other@client.example>", "bob@outside.example");

        assertThat(get(ErasePersonalDataUseCase.class).eraseAddress("ana@outside.example").inbound()).isEqualTo(2);
        assertThat(get(ReadAgentMailUseCase.class).list(agent, 10)).extracting(InboundMessage::messageId)
                .containsExactly("<other@client.example>");
    }

    @Test
    void aMessageUnderAnotherMasterKeyIsReportedNamingTheSettingAndWithoutAKeyNothingIsStored() throws Exception {
        var otherKey = new SodiumCredentialCrypto().cipher(new SodiumCredentialCrypto().newMasterKey());
        new SealedInboundMailbox(db.inboundMessages(), () -> otherKey).deliver(new InboundMessage("<other-key@x>", agent,
                "ana@outside.example", SUBJECT, "smtp", BODY, Instant.now()));
        assertThatThrownBy(() -> get(ReadAgentMailUseCase.class).list(agent, 10)).isInstanceOf(RejectedCommandException.class)
                .hasMessageContaining("cannot be opened with the master key in use").hasMessageContaining("SECRET_KEY_FOR_KV_ENC")
                .message().doesNotContain("Quarterly");
        assertThat(raw()).hasSize(1);

        Map<String, String> noKey = new HashMap<>(env);
        noKey.remove("SECRET_KEY_FOR_KV_ENC");
        try (Lifecycle unkeyed = ProductionModules.start(ProductionModules.storage(AppConfig.load(noKey, home, null, Map.of())))) {
            assertThatThrownBy(() -> unkeyed.injector().getInstance(ReceiveInboundMailUseCase.class).receive(received("<2@x>")))
                    .isInstanceOf(RejectedCommandException.class)
                    .hasMessageContaining("SECRET_KEY_FOR_KV_ENC is not set").hasMessageContaining("azt3knet keys generate");
        }
        assertThat(raw()).hasSize(1);
    }
}

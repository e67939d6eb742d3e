package net.azt3knet.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.mail.MailIntake;
import net.azt3knet.ports.out.mail.MailIntake.Mailbox;
import net.azt3knet.ports.out.responder.UidCheckpoints.Checkpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The intake against GreenMail, a real IMAP server. */
class ImapMailIntakeIT {

    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private ImapMailIntake intake(int max, Duration interval) {
        return new ImapMailIntake(new ImapSettings("127.0.0.1", greenMail.getImap().getPort(), ImapSettings.Security.NONE, max,
                interval, Duration.ofMinutes(25), Duration.ofSeconds(5)));
    }

    private Mailbox user(String name) {
        greenMail.setUser(name + "@agents.example", name, name + "-pw");
        return new Mailbox(name + "@agents.example", name, Secret.of(name + "-pw"));
    }

    private void deliver(String to, String subject) {
        GreenMailUtil.sendTextEmail(to, "friend@example.net", subject, "body of " + subject, greenMail.getSmtp().getServerSetup());
    }

    /** A source that stores checkpoints and records every subject it is handed, per address. */
    static final class RecordingSource implements MailIntake.Source {
        final List<Mailbox> mailboxes = new CopyOnWriteArrayList<>();
        final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();
        final Map<String, List<String>> subjects = new ConcurrentHashMap<>();

        @Override
        public List<Mailbox> mailboxes() {
            return List.copyOf(mailboxes);
        }

        @Override
        public Optional<Checkpoint> checkpoint(String address) {
            return Optional.ofNullable(checkpoints.get(address));
        }

        @Override
        public void accept(String address, Checkpoint at, byte[] raw) {
            String text = new String(raw, StandardCharsets.UTF_8);
            String subject = text.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElse("?").substring(9);
            subjects.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(subject);
            checkpoints.put(address, at);
        }

        List<String> of(String address) {
            return subjects.getOrDefault(address, List.of());
        }
    }

    private static void await(Duration max, java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) Thread.sleep(50);
    }

    @Test
    void polledMailboxesGetEachMessageOnceInUidOrderAndResumeFromTheirCheckpoint() throws Exception {
        Mailbox a = user("ana");
        Mailbox b = user("ben");
        for (int i = 1; i <= 3; i++) deliver(a.address(), "a" + i);
        deliver(b.address(), "b1");
        RecordingSource source = new RecordingSource();
        source.mailboxes.addAll(List.of(a, b));
        ImapMailIntake intake = intake(0, Duration.ofMillis(300));
        try (MailIntake.Watch w = intake.watch(source)) {
            await(Duration.ofSeconds(10), () -> source.of(a.address()).size() == 3 && source.of(b.address()).size() == 1);
            assertThat(w.idling()).isZero();
            assertThat(w.polled()).isEqualTo(2);
            Thread.sleep(800); // a few more rounds: nothing is handed over twice
        }
        assertThat(source.of(a.address())).containsExactly("a1", "a2", "a3");
        assertThat(source.of(b.address())).containsExactly("b1");
        assertThat(source.checkpoints.get(a.address()).lastUid()).isEqualTo(3);

        deliver(a.address(), "a4");
        try (MailIntake.Watch w = intake.watch(source)) {
            await(Duration.ofSeconds(10), () -> source.of(a.address()).size() == 4);
            Thread.sleep(500);
        }
        assertThat(source.of(a.address())).containsExactly("a1", "a2", "a3", "a4");
        assertThat(greenMail.getReceivedMessages()).allSatisfy(m -> assertThat(m.getFlags().contains(jakarta.mail.Flags.Flag.SEEN)).isFalse());
    }

    @Test
    void aChangedUidValidityStartsOverAndAWrongPasswordStopsOnlyItsMailbox() throws Exception {
        Mailbox a = user("cai");
        Mailbox wrong = new Mailbox("dan@agents.example", "dan", Secret.of("not-the-pw"));
        user("dan");
        deliver(a.address(), "c1");
        deliver(wrong.address(), "d1");
        RecordingSource source = new RecordingSource();
        source.checkpoints.put(a.address(), new Checkpoint(-42, 99));
        source.mailboxes.addAll(List.of(wrong, a));
        try (MailIntake.Watch w = intake(0, Duration.ofMillis(300)).watch(source)) {
            await(Duration.ofSeconds(10), () -> source.of(a.address()).size() == 1);
        }
        assertThat(source.of(a.address())).containsExactly("c1");
        assertThat(source.of(wrong.address())).isEmpty();
    }

    @Test
    void idleDeliversWithinSecondsAndTheBudgetSplitsIdleFromPolled() throws Exception {
        RecordingSource source = new RecordingSource();
        List<Mailbox> five = new ArrayList<>();
        for (String n : List.of("eve", "fay", "gus", "hal", "ida")) five.add(user(n));
        source.mailboxes.addAll(five);
        try (MailIntake.Watch w = intake(2, Duration.ofMinutes(10)).watch(source)) {
            await(Duration.ofSeconds(5), () -> w.idling() == 2 && w.polled() == 3);
            assertThat(w.idling()).isEqualTo(2);
            assertThat(w.polled()).isEqualTo(3);
            Thread.sleep(1000); // the IDLE connections are up
            long sent = System.nanoTime();
            deliver(five.get(0).address(), "now");
            await(Duration.ofSeconds(5), () -> source.of(five.get(0).address()).size() == 1);
            assertThat(source.of(five.get(0).address())).containsExactly("now");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(3));
            long closing = System.nanoTime();
            w.close();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void checkConnectsAndLogsInOrNamesTheProblem() {
        Mailbox a = user("jan");
        ImapMailIntake intake = intake(1, Duration.ofSeconds(30));
        intake.check(Optional.empty());
        intake.check(Optional.of(a));
        assertThatThrownBy(() -> intake.check(Optional.of(new Mailbox(a.address(), "jan", Secret.of("nope")))))
                .hasMessageContaining("refused the login").hasMessageNotContaining("nope");
        ImapMailIntake nowhere = new ImapMailIntake(new ImapSettings("127.0.0.1", 1, ImapSettings.Security.NONE, 1,
                Duration.ofSeconds(30), Duration.ofMinutes(25), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> nowhere.check(Optional.empty())).hasMessageContaining("cannot reach IMAP server 127.0.0.1:1");
    }
}

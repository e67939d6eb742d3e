package net.azt3knet.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.imap.ImapServer;
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
import java.util.concurrent.atomic.AtomicInteger;
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

    @AfterEach
    void stopRestarted() {
        if (restarted != null) restarted.stopService();
    }

    private ImapServer restarted;

    private ImapMailIntake intake(int max, Duration interval) {
        return intake(max, interval, Duration.ofMinutes(25));
    }

    private ImapMailIntake intake(int max, Duration interval, Duration idleRenew) {
        return new ImapMailIntake(new ImapSettings("127.0.0.1", greenMail.getImap().getPort(), ImapSettings.Security.NONE, max,
                4, interval, idleRenew, Duration.ofSeconds(5)));
    }

    private Mailbox user(String name) {
        greenMail.setUser(name + "@agents.example", name, name + "-pw");
        return new Mailbox(name + "@agents.example", name, Secret.of(name + "-pw"));
    }

    /** Delivers by SMTP and returns when (System.nanoTime) the server had stored it. */
    private long deliver(String to, String subject) {
        GreenMailUtil.sendTextEmail(to, "friend@example.net", subject, "body of " + subject, greenMail.getSmtp().getServerSetup());
        return System.nanoTime();
    }

    /**
     * A source that stores checkpoints and records every subject it is handed, per address, and when; it counts the
     * checkpoint reads, one per read of the mailbox (each IDLE renewal reads it).
     */
    static class RecordingSource implements MailIntake.Source {
        final List<Mailbox> mailboxes = new CopyOnWriteArrayList<>();
        final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();
        final Map<String, List<String>> subjects = new ConcurrentHashMap<>();
        final Map<String, Long> handedOverAt = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

        @Override
        public List<Mailbox> mailboxes() {
            return List.copyOf(mailboxes);
        }

        @Override
        public Optional<Checkpoint> checkpoint(String address) {
            reads.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            return Optional.ofNullable(checkpoints.get(address));
        }

        @Override
        public void accept(String address, Checkpoint at, byte[] raw) {
            String text = new String(raw, StandardCharsets.UTF_8);
            String subject = text.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElse("?").substring(9);
            handedOverAt.putIfAbsent(subject, System.nanoTime());
            subjects.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(subject);
            checkpoints.put(address, at);
        }

        int reads(String address) {
            AtomicInteger n = reads.get(address);
            return n == null ? 0 : n.get();
        }

        /** From delivery to hand-over of the message with this subject. */
        Duration delay(String subject, long deliveredAt) {
            Long at = handedOverAt.get(subject);
            return at == null ? Duration.ofDays(1) : Duration.ofNanos(at - deliveredAt);
        }

        List<String> of(String address) {
            return subjects.getOrDefault(address, List.of());
        }
    }

    static void await(Duration max, java.util.function.BooleanSupplier done) throws InterruptedException {
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
    void pollingRoundsStartOneIntervalApartHoweverLongAPollTakes() throws Exception {
        Mailbox fast = user("fay");
        Mailbox slow = user("sol");
        List<Long> fastReads = new CopyOnWriteArrayList<>();
        RecordingSource source = new RecordingSource() {
            @Override
            public Optional<Checkpoint> checkpoint(String address) {
                if (address.equals(fast.address())) fastReads.add(System.nanoTime());
                if (address.equals(slow.address())) {
                    try {
                        Thread.sleep(1500); // a slow server or a large mailbox: each round takes 1.5 s of the 2 s
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.checkpoint(address);
            }
        };
        source.mailboxes.addAll(List.of(slow, fast));
        try (MailIntake.Watch w = intake(0, Duration.ofSeconds(2)).watch(source)) {
            await(Duration.ofSeconds(15), () -> fastReads.size() >= 4);
        }
        assertThat(fastReads).hasSizeGreaterThanOrEqualTo(4);
        // Counted from the end of a round, the next would start 3.5 s after the last; from its start, 2 s.
        for (int i = 1; i < 4; i++) {
            assertThat(Duration.ofNanos(fastReads.get(i) - fastReads.get(i - 1))).as("gap %d", i)
                    .isBetween(Duration.ofMillis(1500), Duration.ofMillis(2900));
        }
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
                .hasMessageContaining("refused the login").hasMessageNotContaining("nope")
                .hasMessageNotContainingAny(a.address(), "(login jan)").hasMessageMatching("(?s).*\\(mailbox [0-9a-f]{12}\\).*");
        ImapMailIntake nowhere = new ImapMailIntake(new ImapSettings("127.0.0.1", 1, ImapSettings.Security.NONE, 1, 4,
                Duration.ofSeconds(30), Duration.ofMinutes(25), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> nowhere.check(Optional.empty())).hasMessageContaining("cannot reach IMAP server 127.0.0.1:1");
    }

    @Test
    void moreIdleMailboxesThanCoresAllGetTheirMailOnPlatformThreadsWhileVirtualThreadsKeepRunning() throws Exception {
        // Angus blocks inside synchronized methods for a whole IDLE: on virtual threads (Java 21-23) these would hold
        // every carrier, the IDLEs beyond the carriers would never start and no other virtual thread would run
        int n = 2 * Runtime.getRuntime().availableProcessors() + 2;
        RecordingSource source = new RecordingSource();
        List<Mailbox> boxes = new ArrayList<>();
        for (int i = 0; i < n; i++) boxes.add(user("idler" + i));
        source.mailboxes.addAll(boxes);
        try (MailIntake.Watch w = intake(n, Duration.ofMinutes(10)).watch(source)) {
            await(Duration.ofSeconds(10), () -> boxes.stream().allMatch(m -> source.reads(m.address()) >= 1));
            assertThat(w.idling()).isEqualTo(n);
            assertThat(w.polled()).isZero();
            Thread.sleep(500); // every worker is in IDLE

            Map<String, Long> sent = new ConcurrentHashMap<>();
            Thread deliveries = Thread.ofPlatform().start(() -> boxes.forEach(m -> sent.put("new for " + m.username(), deliver(m.address(), "new for " + m.username()))));
            List<Thread> others = new ArrayList<>();
            long othersStart = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                others.add(Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread t : others) t.join(Duration.ofSeconds(3));
            Duration othersTook = Duration.ofNanos(System.nanoTime() - othersStart);
            assertThat(others).as("virtual threads run while %d mailboxes idle", n).noneMatch(Thread::isAlive);
            deliveries.join();
            await(Duration.ofSeconds(5), () -> boxes.stream().allMatch(m -> source.of(m.address()).size() == 1));
            List<Duration> delays = boxes.stream().map(m -> source.delay("new for " + m.username(), sent.get("new for " + m.username()))).toList();
            System.out.printf("IDLE with %d mailboxes: delivery to hand-over %s; 200 virtual threads done in %d ms%n",
                    n, delays.stream().map(d -> d.toMillis() + " ms").toList(), othersTook.toMillis());
            assertThat(delays).allMatch(d -> d.compareTo(Duration.ofSeconds(3)) < 0, "under 3 s");
            for (Mailbox m : boxes) assertThat(source.of(m.address())).containsExactly("new for " + m.username());
            // getAllStackTraces lists platform threads only
            List<Thread> intakeThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("imap-idle")).toList();
            assertThat(intakeThreads).as("a worker and a renewal timer per IDLE mailbox, all platform threads")
                    .hasSize(2 * n).noneMatch(Thread::isVirtual).allMatch(Thread::isDaemon);
        }
        await(Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("imap-")));
        assertThat(Thread.getAllStackTraces().keySet()).as("closing ends the intake's threads").noneMatch(t -> t.getName().startsWith("imap-"));
    }

    @Test
    void mailArrivingWhileTheWorkerReadsIsNotLeftForTheRenewal() throws Exception {
        // a burst at random short gaps: some messages land between the worker's FETCH and its next IDLE, which the server
        // then reports before the IDLE starts; without the arrival listener they wait for the renewal (10 minutes here)
        Mailbox a = user("max");
        RecordingSource source = new RecordingSource();
        source.mailboxes.add(a);
        java.util.SplittableRandom gaps = new java.util.SplittableRandom(7);
        int n = 120;
        try (MailIntake.Watch w = intake(1, Duration.ofMinutes(10)).watch(source)) {
            await(Duration.ofSeconds(10), () -> w.idling() == 1);
            Thread.sleep(300);
            for (int i = 0; i < n; i++) {
                deliver(a.address(), "burst " + i);
                Thread.sleep(gaps.nextInt(0, 15));
            }
            await(Duration.ofSeconds(10), () -> source.of(a.address()).size() == n);
        }
        assertThat(source.of(a.address())).as("every message of the burst, each once, within seconds").hasSize(n).doesNotHaveDuplicates();
    }

    @Test
    void renewedIdleStaysUsableAndStillDeliversAtOnce() throws Exception {
        Mailbox a = user("kim");
        RecordingSource source = new RecordingSource();
        source.mailboxes.add(a);
        Duration renew = Duration.ofSeconds(2);
        try (MailIntake.Watch w = intake(1, Duration.ofMinutes(10), renew).watch(source)) {
            await(Duration.ofSeconds(10), () -> source.reads(a.address()) >= 4);
            assertThat(source.reads(a.address())).as("the first read and three renewals").isGreaterThanOrEqualTo(4);
            assertThat(w.idling()).isEqualTo(1);
            // spread over a whole renewal period: a message that waited for the next renewal would take up to 2 s
            List<Duration> delays = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                String subject = "after renewals " + i;
                long sent = deliver(a.address(), subject);
                await(Duration.ofSeconds(5), () -> source.handedOverAt.containsKey(subject));
                delays.add(source.delay(subject, sent));
                Thread.sleep(450);
            }
            System.out.printf("IDLE renewed every %d s (%d reads): delivery to hand-over %s%n", renew.toSeconds(), source.reads(a.address()),
                    delays.stream().map(d -> d.toMillis() + " ms").toList());
            assertThat(delays).allMatch(d -> d.compareTo(Duration.ofMillis(500)) < 0, "under 500 ms: pushed by IDLE, not read at the renewal");
        }
        assertThat(source.of(a.address())).containsExactly("after renewals 1", "after renewals 2", "after renewals 3", "after renewals 4", "after renewals 5");
    }

    @Test
    void whenTheServerGoesAwayTheIdleWorkerReconnectsAndResumesFromItsCheckpoint() throws Exception {
        Mailbox a = user("lea");
        RecordingSource source = new RecordingSource();
        source.mailboxes.add(a);
        int port = greenMail.getImap().getPort();
        try (MailIntake.Watch w = intake(1, Duration.ofMinutes(10)).watch(source)) {
            deliver(a.address(), "before");
            await(Duration.ofSeconds(5), () -> source.of(a.address()).size() == 1);
            int readsBefore = source.reads(a.address());
            assertThat(w.idling()).isEqualTo(1);

            greenMail.getImap().stopService(); // closes the IDLE connection too
            deliver(a.address(), "while down");
            Thread.sleep(1500);
            assertThat(source.of(a.address())).containsExactly("before");
            // the same mailboxes (UIDs, UIDVALIDITY) on a new server on the same port
            restarted = new ImapServer(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP), greenMail.getManagers());
            restarted.startService();
            assertThat(restarted.waitTillRunning(5000)).isTrue();
            long back = System.nanoTime();
            await(Duration.ofSeconds(20), () -> source.of(a.address()).size() == 2);
            Duration reconnected = Duration.ofNanos(System.nanoTime() - back);
            Thread.sleep(500); // in IDLE again
            long sent = deliver(a.address(), "after restart");
            await(Duration.ofSeconds(5), () -> source.of(a.address()).size() == 3);
            System.out.printf("IDLE reconnect: mail from while down read %d ms after the server was back; then delivery to hand-over %d ms%n",
                    reconnected.toMillis(), source.delay("after restart", sent).toMillis());
            assertThat(source.delay("after restart", sent)).isLessThan(Duration.ofSeconds(3));
            assertThat(source.reads(a.address())).isGreaterThan(readsBefore);
            Thread.sleep(500);
        }
        assertThat(source.of(a.address())).as("each message once, in order").containsExactly("before", "while down", "after restart");
        assertThat(source.checkpoints.get(a.address()).lastUid()).isEqualTo(3);
    }
}

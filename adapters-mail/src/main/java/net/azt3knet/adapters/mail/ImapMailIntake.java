package net.azt3knet.adapters.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.ports.out.mail.MailIntake;
import net.azt3knet.ports.out.responder.UidCheckpoints.Checkpoint;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Watches the agents' INBOXes: the first {@link ImapSettings#maxConnections()} mailboxes sit in IDLE (one connection
 * each), the others are read in rotation every {@link ImapSettings#checkInterval()} on short-lived connections. Each
 * new message goes to the source once, in UID order, from the mailbox's checkpoint; INBOX is opened read-only with
 * PEEK, so {@code \Seen} is never set (the operator may read the mailboxes too).
 *
 * <p>Every thread that calls into Angus Mail is a platform daemon thread: its IMAP protocol methods are
 * {@code synchronized} and block on the socket inside them ({@code IMAPProtocol.readIdleResponse()} for a whole IDLE),
 * which on Java 21-23 pins a virtual thread's carrier, so a few IDLEs would stall every other virtual thread of the
 * process. They are bounded: two per IDLE mailbox (the worker and its renewal timer) and
 * {@link ImapSettings#pollConnections()} polls; only the supervisor, which never calls Angus, is virtual.
 *
 * <p>Rounds of polls start one {@link ImapSettings#checkInterval()} apart, counted from the start of the last round, so
 * a polled mailbox is read once per interval however long reading all of them takes, as long as that fits in it;
 * a round that does not is logged with the setting to raise.
 */
public final class ImapMailIntake implements MailIntake {

    private static final System.Logger LOG = System.getLogger(ImapMailIntake.class.getName());
    /** The name its logins and fetches are reported under ({@link ProviderCalls}), as the HTTP providers report theirs. */
    static final String PROVIDER = "Imap";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);
    /** How often a stopped IDLE worker is woken again until it has ended. */
    private static final Duration STOP_POLL = Duration.ofMillis(200);
    /** How often the timer wakes a worker again while an arrival it was told of is still untaken. */
    private static final Duration ARRIVAL_RECHECK = Duration.ofMillis(50);
    private static final String NO_STARTTLS = " does not offer STARTTLS, which IMAP_SECURITY=starttls requires (nothing is sent in clear);"
            + " use tls if the server has it on port 993, or none only for a server on this host or a private network";

    private final ImapSettings settings;
    private final Optional<SSLSocketFactory> trust;

    ImapMailIntake(ImapSettings settings) {
        this(settings, Optional.empty());
    }

    /** With {@code trust}: TLS that trusts what the factory trusts (a test server's own certificate), not the JVM's CAs. */
    ImapMailIntake(ImapSettings settings, Optional<SSLSocketFactory> trust) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    ImapSettings settings() {
        return settings;
    }

    @Override
    public Watch watch(Source source) {
        RunningWatch w = new RunningWatch(Objects.requireNonNull(source, "source"));
        w.supervisor = Thread.ofVirtual().name("imap-intake").start(w::run);
        return w;
    }

    @Override
    public void check(Optional<Mailbox> probe) {
        if (probe.isPresent()) {
            Store store = null;
            try {
                store = connect(probe.get(), settings.timeout());
            } catch (MessagingException e) {
                throw new IllegalStateException(problem(probe.get(), e), e);
            } finally {
                closeQuietly(store);
            }
            return;
        }
        greeting();
    }

    /**
     * Without a login: Angus will not connect without a user, so read the server's {@code * OK} greeting directly, with
     * the host name checked against the certificate as Angus checks it, and STARTTLS offered when it is required.
     */
    private void greeting() {
        String where = "IMAP server " + settings.host() + ":" + settings.port();
        int ms = (int) settings.timeout().toMillis();
        SocketFactory factory = settings.security() == ImapSettings.Security.TLS
                ? trust.map(SocketFactory.class::cast).orElseGet(SSLSocketFactory::getDefault) : SocketFactory.getDefault();
        long start = System.nanoTime();
        String outcome = "unreachable";
        try (Socket socket = factory.createSocket()) {
            if (socket instanceof SSLSocket tls) {
                SSLParameters p = tls.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(p);
            }
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), ms);
            socket.setSoTimeout(ms);
            InputStream in = socket.getInputStream();
            String line = firstLine(in);
            if (!line.startsWith("* OK") && !line.startsWith("* PREAUTH")) {
                outcome = "refused";
                throw new IllegalStateException(where + " does not greet as IMAP does (" + line.substring(0, Math.min(line.length(), 60))
                        + "); check IMAP_HOST, IMAP_PORT and IMAP_SECURITY");
            }
            if (settings.security() == ImapSettings.Security.STARTTLS && !offersStartTls(line, socket, in)) {
                outcome = "refused";
                throw new IllegalStateException(where + NO_STARTTLS);
            }
            outcome = "ok";
        } catch (javax.net.ssl.SSLException e) {
            outcome = "tls";
            throw new IllegalStateException(where + ": TLS failed (" + e.getMessage() + "); check IMAP_SECURITY and the server's certificate", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + where + " (" + e.getMessage() + "); check IMAP_HOST and IMAP_PORT", e);
        } finally {
            ProviderCalls.report(PROVIDER, "CONNECT", outcome, System.nanoTime() - start);
        }
    }

    /** Whether the greeting's capabilities, or else those CAPABILITY answers, name STARTTLS. */
    private static boolean offersStartTls(String greeting, Socket socket, InputStream in) throws IOException {
        if (greeting.contains("[CAPABILITY ")) return greeting.toUpperCase(Locale.ROOT).contains(" STARTTLS");
        socket.getOutputStream().write("c1 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
        boolean offered = false;
        for (String line = firstLine(in); !line.startsWith("c1 ") && !line.isEmpty(); line = firstLine(in)) {
            if (line.startsWith("* CAPABILITY ") && line.toUpperCase(Locale.ROOT).contains(" STARTTLS")) offered = true;
        }
        return offered;
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n' && line.size() < 1000; b = in.read()) {
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private Session session(Duration readTimeout) {
        Properties p = new Properties();
        String proto = settings.security() == ImapSettings.Security.TLS ? "imaps" : "imap";
        String pre = "mail." + proto + ".";
        p.put("mail.store.protocol", proto);
        p.put(pre + "host", settings.host());
        p.put(pre + "port", Integer.toString(settings.port()));
        p.put(pre + "connectiontimeout", Long.toString(settings.timeout().toMillis()));
        p.put(pre + "timeout", Long.toString(readTimeout.toMillis()));
        p.put(pre + "writetimeout", Long.toString(settings.timeout().toMillis()));
        // BODY.PEEK: reading a message never sets \Seen
        p.put(pre + "peek", "true");
        // one thread dispatches every folder's arrival events (the default is a thread per open folder)
        p.put("mail.event.scope", "application");
        switch (settings.security()) {
            case TLS -> p.put(pre + "ssl.checkserveridentity", "true");
            case STARTTLS -> {
                p.put(pre + "starttls.enable", "true");
                p.put(pre + "starttls.required", "true");
                p.put(pre + "ssl.checkserveridentity", "true");
            }
            case NONE -> p.put(pre + "starttls.enable", "false");
        }
        trust.ifPresent(f -> p.put(pre + "ssl.socketFactory", f));
        return Session.getInstance(p);
    }

    private Store connect(Mailbox mailbox, Duration readTimeout) throws MessagingException {
        long start = System.nanoTime();
        String outcome = "error";
        Store store = session(readTimeout).getStore();
        try {
            store.connect(settings.host(), settings.port(), mailbox.username(), mailbox.password().reveal());
            outcome = "ok";
            return store;
        } catch (AuthenticationFailedException e) {
            outcome = "refused";
            throw e;
        } catch (MessagingException e) {
            outcome = e.getNextException() instanceof IOException ? "unreachable" : "error";
            throw e;
        } finally {
            ProviderCalls.report(PROVIDER, "LOGIN", outcome, System.nanoTime() - start);
        }
    }

    /**
     * What went wrong, naming the server and the mailbox by its address's hash: logs carry no addresses (the login is
     * the address on Mailcow), never the password, and the server's text only when safe.
     */
    private String problem(Mailbox mailbox, Exception e) {
        String where = settings.host() + ":" + settings.port() + " (mailbox " + hash(mailbox.address()) + ")";
        if (e instanceof AuthenticationFailedException) return "IMAP server " + where + " refused the login; check the mailbox's password";
        Throwable cause = e instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : e;
        if (settings.security() == ImapSettings.Security.STARTTLS && cause instanceof ProtocolException
                && String.valueOf(cause.getMessage()).contains("STARTTLS")) return "IMAP server " + where + NO_STARTTLS;
        if (cause instanceof javax.net.ssl.SSLException) return "IMAP server " + where + ": TLS failed (" + cause.getMessage() + "); check IMAP_SECURITY and the certificate";
        if (cause instanceof IOException) return "cannot reach IMAP server " + where + " (" + cause.getMessage() + "); check IMAP_HOST and IMAP_PORT";
        return "IMAP server " + where + ": " + e.getMessage();
    }

    private static void closeQuietly(Store store) {
        if (store == null) return;
        try {
            store.close();
        } catch (MessagingException e) {
            // logging out of a connection that is already gone: nothing is lost
        }
    }

    /** A thread for Angus calls (see the class comment), named after the mailbox's hash so a thread dump shows which one is stuck. */
    private static Thread.Builder blocking(String name) {
        return Thread.ofPlatform().daemon().name(name);
    }

    private static String hash(String address) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One watch: a supervisor that re-reads the mailboxes every round, IDLE workers, and the polled rotation. */
    private final class RunningWatch implements Watch {
        private final Source source;
        private final Map<String, IdleWorker> idle = new ConcurrentHashMap<>();
        /** How far this watch has handed over each mailbox, in case the source stores checkpoints later than it returns. */
        private final Map<String, Checkpoint> handedOver = new ConcurrentHashMap<>();
        private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
        private final Semaphore polls = new Semaphore(settings.pollConnections());
        private final SplittableRandom random = new SplittableRandom();
        private final Object wake = new Object();
        private volatile boolean running = true;
        private volatile int polledCount;
        private volatile Thread supervisor;

        RunningWatch(Source source) {
            this.source = source;
        }

        @Override
        public int idling() {
            return (int) idle.values().stream().filter(w -> w.folder != null).count(); // connected, not just assigned
        }

        @Override
        public int polled() {
            return polledCount;
        }

        void run() {
            boolean overran = false;
            while (running) {
                List<Thread> round = new ArrayList<>();
                long roundStart = System.nanoTime();
                try {
                    Map<String, Mailbox> all = new LinkedHashMap<>();
                    for (Mailbox m : source.mailboxes()) all.putIfAbsent(m.address(), m);
                    List<Mailbox> list = List.copyOf(all.values());
                    int split = Math.min(settings.maxConnections(), list.size());
                    Map<String, Mailbox> idling = new LinkedHashMap<>();
                    for (Mailbox m : list.subList(0, split)) idling.put(m.address(), m);
                    idle.entrySet().removeIf(e -> {
                        boolean gone = !e.getValue().mailbox.equals(idling.get(e.getKey()));
                        if (gone) e.getValue().stop();
                        return gone;
                    });
                    for (Mailbox m : idling.values()) idle.computeIfAbsent(m.address(), a -> new IdleWorker(this, m).start());
                    List<Mailbox> rest = list.subList(split, list.size());
                    polledCount = rest.size();
                    for (Mailbox m : rest) {
                        Backoff b = backoffs.get(m.address());
                        if (b != null && System.nanoTime() < b.notBefore) continue;
                        polls.acquire();
                        if (!running) {
                            polls.release();
                            break;
                        }
                        round.add(blocking("imap-poll-" + hash(m.address())).start(() -> {
                            try {
                                pollOnce(m);
                            } finally {
                                polls.release();
                            }
                        }));
                    }
                    for (Thread t : round) t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "mail intake: cannot list the mailboxes (" + e.getMessage() + "); trying again next round");
                }
                Duration took = Duration.ofNanos(System.nanoTime() - roundStart);
                boolean over = !round.isEmpty() && took.compareTo(settings.checkInterval()) > 0;
                if (over && !overran) {
                    LOG.log(System.Logger.Level.WARNING, "mail intake: reading the " + round.size() + " polled mailboxes took "
                            + took.toMillis() + " ms, longer than EMAIL_CHECK_INTERVAL (" + settings.checkInterval().toSeconds()
                            + " s), so new mail waits that long; raise AZT3KNET_IMAP_POLL_CONNECTIONS (now "
                            + settings.pollConnections() + ") or AZT3KNET_IMAP_MAX_CONNECTIONS");
                }
                overran = over;
                long wait = settings.checkInterval().minus(took).toMillis(); // the next round starts one interval after this one did
                synchronized (wake) {
                    if (!running) return;
                    try {
                        if (wait > 0) wake.wait(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        private void pollOnce(Mailbox m) {
            Store store = null;
            try {
                store = connect(m, settings.timeout());
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    readNew(inbox, m);
                } finally {
                    inbox.close(false);
                }
                backoffs.remove(m.address());
            } catch (MessagingException | RuntimeException e) {
                failed(m, e);
            } finally {
                closeQuietly(store);
            }
        }

        /** A failed mailbox waits out a jittered backoff; the others go on. Returns the wait. */
        Duration failed(Mailbox m, Exception e) {
            Backoff b = backoffs.compute(m.address(), (a, old) -> new Backoff(old == null ? 1 : old.attempt + 1));
            Duration wait;
            synchronized (random) {
                wait = ProviderHttp.fullJitter(FIRST_RETRY, MAX_RETRY, b.attempt, random);
            }
            b.notBefore = System.nanoTime() + wait.toNanos();
            if (running) {
                LOG.log(System.Logger.Level.WARNING, "mail intake: " + (e instanceof MessagingException me ? problem(m, me)
                        : "mailbox " + hash(m.address()) + ": " + e.getMessage())
                        + "; tried again in " + wait.toMillis() + " ms");
            }
            return wait;
        }

        void succeeded(Mailbox m) {
            backoffs.remove(m.address());
        }

        /** Hands over every message after the checkpoint, in UID order; a new UIDVALIDITY starts over from UID 1. */
        void readNew(IMAPFolder inbox, Mailbox m) throws MessagingException {
            long start = System.nanoTime();
            String outcome = "error";
            try {
                long validity = inbox.getUIDValidity();
                long from = 1;
                Optional<Checkpoint> at = latest(source.checkpoint(m.address()), handedOver.get(m.address()));
                if (at.isPresent() && at.get().uidValidity() == validity) from = at.get().lastUid() + 1;
                Message[] found = inbox.getMessagesByUID(from, UIDFolder.LASTUID);
                FetchProfile fp = new FetchProfile();
                fp.add(UIDFolder.FetchProfileItem.UID);
                inbox.fetch(found, fp);
                long first = from;
                // "n:*" names the last message even when its UID is below n (RFC 3501 6.4.8)
                List<Message> fresh = Arrays.stream(found).filter(msg -> uid(inbox, msg) >= first)
                        .sorted(Comparator.comparingLong(msg -> uid(inbox, msg))).toList();
                for (Message msg : fresh) {
                    if (!running) break;
                    long uid = inbox.getUID(msg);
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    try {
                        msg.writeTo(raw);
                    } catch (IOException e) {
                        throw new MessagingException("reading UID " + uid + " failed", e);
                    }
                    Checkpoint cp = new Checkpoint(validity, uid);
                    source.accept(m.address(), cp, raw.toByteArray());
                    handedOver.put(m.address(), cp);
                }
                outcome = "ok";
            } finally {
                ProviderCalls.report(PROVIDER, "FETCH", outcome, System.nanoTime() - start);
            }
        }

        private static long uid(IMAPFolder inbox, Message msg) {
            try {
                return inbox.getUID(msg);
            } catch (MessagingException e) {
                throw new IllegalStateException("UID of message " + msg.getMessageNumber() + ": " + e.getMessage(), e);
            }
        }

        private static Optional<Checkpoint> latest(Optional<Checkpoint> stored, Checkpoint here) {
            if (here == null) return stored;
            if (stored.isEmpty() || stored.get().uidValidity() != here.uidValidity()) return Optional.of(here);
            return stored.get().lastUid() >= here.lastUid() ? stored : Optional.of(here);
        }

        @Override
        public void close() {
            running = false;
            synchronized (wake) {
                wake.notifyAll();
            }
            List<IdleWorker> workers = List.copyOf(idle.values());
            workers.forEach(IdleWorker::stop);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            try {
                Thread s = supervisor;
                if (s != null) s.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                for (IdleWorker w : workers) w.thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            idle.clear();
            polledCount = 0;
        }
    }

    private static final class Backoff {
        final int attempt;
        volatile long notBefore;

        Backoff(int attempt) {
            this.attempt = attempt;
        }
    }

    /**
     * One mailbox in IDLE on its own connection. A timer thread asks for the message count before each renewal: from
     * another thread that ends the running IDLE (Angus sends DONE, then the command, which is the keepalive), and the
     * worker reads what is new and idles again. Stopping wakes the worker the same way.
     *
     * <p>A message can arrive after the worker's UID FETCH and before its IDLE starts: the server reports it with the
     * next response (the FETCH's tail, or the IDLE's start), which Angus processes without ending the IDLE, so it
     * would wait for the renewal (25 minutes). A listener on the folder's message count catches that report: it marks
     * the arrival, so the worker reads again instead of idling, or nudges the timer to end the IDLE at once.
     */
    private final class IdleWorker {
        private final RunningWatch watch;
        final Mailbox mailbox;
        private volatile boolean stopped;
        /** Released by {@link #stop()}: ends the renewal timer's and the backoff's waits. */
        private final CountDownLatch halted = new CountDownLatch(1);
        /** Released by the arrival listener and by {@link #stop()}: the timer wakes the worker now, not at the renewal. */
        private final java.util.concurrent.Semaphore nudges = new java.util.concurrent.Semaphore(0);
        /** Set by the arrival listener: a message came in since the worker last cleared it. */
        private final java.util.concurrent.atomic.AtomicBoolean arrived = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile IMAPFolder folder;
        Thread thread;

        IdleWorker(RunningWatch watch, Mailbox mailbox) {
            this.watch = watch;
            this.mailbox = mailbox;
        }

        IdleWorker start() {
            String id = hash(mailbox.address());
            thread = blocking("imap-idle-" + id).start(this::run);
            blocking("imap-idle-renew-" + id).start(this::renew); // after thread is set: it waits for the worker to end
            return this;
        }

        private boolean live() {
            return !stopped && watch.running;
        }

        private void run() {
            while (live()) {
                Store store = null;
                try {
                    // the connection reads for a whole IDLE, plus the usual timeout for the answer to DONE
                    store = connect(mailbox, settings.idleRenew().plus(settings.timeout()));
                    IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                    inbox.addMessageCountListener(new MessageCountAdapter() {
                        @Override
                        public void messagesAdded(MessageCountEvent e) {
                            arrived.set(true);
                            nudges.release();
                        }
                    });
                    inbox.open(Folder.READ_ONLY);
                    folder = inbox;
                    arrived.set(false);
                    watch.readNew(inbox, mailbox);
                    watch.succeeded(mailbox);
                    while (live()) {
                        if (!arrived.get()) inbox.idle(true);
                        if (!live()) break;
                        arrived.set(false);
                        watch.readNew(inbox, mailbox);
                    }
                } catch (MessagingException | RuntimeException e) {
                    if (!live()) break;
                    Duration wait = watch.failed(mailbox, e);
                    try {
                        if (halted.await(wait.toMillis(), TimeUnit.MILLISECONDS)) break;
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                } finally {
                    folder = null;
                    closeQuietly(store);
                }
            }
        }

        private void renew() {
            try {
                while (halted.getCount() > 0) {
                    nudges.tryAcquire(settings.idleRenew().toMillis(), TimeUnit.MILLISECONDS);
                    nudges.drainPermits();
                    if (halted.getCount() == 0) break;
                    wakeUp();
                    // an arrival the worker has not taken yet: it may have entered the IDLE just after this wake-up
                    while (arrived.get() && !halted.await(ARRIVAL_RECHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                        if (arrived.get()) wakeUp();
                    }
                }
                // stopped: end the IDLE, again if the worker entered one just as it was stopped, until it has ended
                while (thread.isAlive()) {
                    wakeUp();
                    thread.join(STOP_POLL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Ends the current IDLE (if any) by asking the connection for something. */
        private void wakeUp() {
            IMAPFolder f = folder;
            if (f == null) return;
            try {
                f.getMessageCount();
            } catch (MessagingException | IllegalStateException e) {
                // the connection is gone: the worker notices on its own and reconnects
            }
        }

        /** Without interrupts: the worker may be handing a message to the source, which should not see one. */
        void stop() {
            stopped = true;
            halted.countDown();
            nudges.release();
        }
    }
}

package net.azt3knet.adapters.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.email.EmailDelivery;
import java.util.Optional;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.SuppressedRecipients;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.ports.out.submission.LocalRecipients;

/**
 * Moves spooled messages to an {@link EmailDelivery}: claims due ones under a lease, records each attempt before the
 * call, and ends it sent, bounced (permanent failure, or still failing after {@link RelaySettings#maxAge()}) or
 * deferred by the product's full-jitter backoff (or the provider's own retry-after). Every process on the spool may run
 * one: leases keep them off each other's messages.
 */
public final class SpoolRelay implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SpoolRelay.class.getName());

    private final MessageSpool spool;
    private final EmailDelivery delivery;
    private final RelaySettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final SuppressedRecipients suppressed;
    private final String reportingMta;
    private final LocalRecipients local;
    private volatile List<Thread> loops;

    /** Without a suppression list; bounces name this host as the reporting MTA. */
    public SpoolRelay(MessageSpool spool, EmailDelivery delivery, RelaySettings settings, Clock clock, RandomGenerator random) {
        this(spool, delivery, settings, clock, random, SuppressedRecipients.NONE, localHost());
    }

    /**
     * @param suppressed   where hard-bounced recipients go (then refused at RCPT)
     * @param reportingMta the gateway's host name, in the bounces it spools (the SMTP server's host name)
     */
    public SpoolRelay(MessageSpool spool, EmailDelivery delivery, RelaySettings settings, Clock clock, RandomGenerator random,
                      SuppressedRecipients suppressed, String reportingMta) {
        this(spool, delivery, settings, clock, random, suppressed, reportingMta, LocalRecipients.NONE);
    }

    /**
     * @param local where a bounce to a local sender goes: into its mailbox, not out through the delivery
     */
    public SpoolRelay(MessageSpool spool, EmailDelivery delivery, RelaySettings settings, Clock clock, RandomGenerator random,
                      SuppressedRecipients suppressed, String reportingMta, LocalRecipients local) {
        this.local = local;
        this.suppressed = suppressed;
        this.reportingMta = reportingMta;
        this.spool = spool;
        this.delivery = delivery;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /**
     * One round: claims up to a batch of due messages and tries each once — in parallel, or in the delivery's own
     * batches when it sends several per call ({@link EmailDelivery#batchLimit()}); returns how many it claimed.
     */
    public int relayDue() {
        List<SpooledMessage> due = spool.claim(settings.batch(), settings.lease());
        if (due.isEmpty()) return 0;
        if (delivery.batchLimit() > 1) {
            List<SpooledMessage> held = due.stream().filter(m -> spool.markSending(m.id())).toList(); // the others are another process's now
            if (held.isEmpty()) return due.size();
            List<DeliveryResult> results;
            try {
                results = delivery.deliverAll(held);
            } catch (RuntimeException e) { // a delivery should say, not throw; if one throws, the messages wait, they are not lost
                results = java.util.Collections.nCopies(held.size(), new DeliveryResult.TransientFailure("delivery failed: " + e, Optional.empty()));
            }
            for (int i = 0; i < held.size(); i++) end(held.get(i), results.get(i));
        } else if (due.size() == 1) {
            relay(due.get(0));
        } else {
            try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
                due.forEach(m -> each.submit(() -> {
                    try {
                        relay(m);
                    } catch (RuntimeException e) { // the spool failed mid-way: the lease brings the message back
                        LOG.log(System.Logger.Level.WARNING, "message " + m.id() + ": " + e.getMessage() + "; it is tried again when its lease expires");
                    }
                }));
            }
        }
        return due.size();
    }

    private void relay(SpooledMessage m) {
        if (!spool.markSending(m.id())) return; // another process took it over: it is theirs now
        DeliveryResult result;
        try {
            result = delivery.deliver(m);
        } catch (RuntimeException e) { // a delivery should say, not throw; if one throws, the message waits, it is not lost
            result = new DeliveryResult.TransientFailure("delivery failed: " + e, Optional.empty());
        }
        end(m, result);
    }

    /** Ends the attempt: sent, bounced, or deferred (bounced instead when the next try would be past the maximum age). */
    private void end(SpooledMessage m, DeliveryResult result) {
        QueueId id = m.id();
        int attempt = m.entry().attempts() + 1;
        boolean held = switch (result) {
            case DeliveryResult.Sent s -> {
                SmtpEvents.observer().message("relayed");
                yield spool.markSent(id, s.providerMessageId());
            }
            case DeliveryResult.PermanentFailure p -> {
                p.unknownRecipients().forEach(r -> suppressed.suppress(r, p.reason()));
                yield bounce(m, p.reason(), false);
            }
            case DeliveryResult.TransientFailure t -> {
                Duration wait = t.retryAfter().orElseGet(() -> ProviderHttp.fullJitter(settings.firstRetry(), settings.maxRetry(), attempt, random));
                if (wait.compareTo(settings.poll()) < 0) wait = settings.poll();
                Instant next = clock.instant().plus(wait);
                yield next.isAfter(m.entry().createdAt().plus(settings.maxAge()))
                        ? bounce(m, "gave up after " + attempt + " attempts in " + settings.maxAge().toHours() + " h: " + t.reason(), true)
                        : deferred(id, next, t.reason());
            }
        };
        if (!held) LOG.log(System.Logger.Level.WARNING, "message " + id + ": the lease ran out during delivery; another process has it now");
    }

    /**
     * Ends the message bounced and sends its DSN to the sender: into its mailbox when the sender is local, else spooled
     * like any message (the relay delivers it). A bounce is never bounced: a message with the null sender ends without one.
     */
    private boolean bounce(SpooledMessage m, String reason, boolean expired) {
        SmtpEvents.observer().message("bounced");
        if (!spool.markBounced(m.id(), reason)) return false;
        String sender = m.envelope().reversePath();
        if (sender.isEmpty()) return true;
        byte[] dsn = DeliveryStatusNotification.of(m, reason, expired, reportingMta, clock.instant());
        try {
            if (local.kind(sender) == LocalRecipients.Kind.LOCAL) {
                local.deliver("", List.of(sender), dsn);
                LOG.log(System.Logger.Level.INFO, "message " + m.id() + " bounced; its notification is in " + sender + "'s mailbox");
            } else {
                QueueId queued = spool.store(new Envelope("", List.of(sender), Optional.empty(), "127.0.0.1", reportingMta), dsn);
                LOG.log(System.Logger.Level.INFO, "message " + m.id() + " bounced; its notification to " + sender + " is " + queued);
            }
        } catch (RuntimeException e) { // the bounce stands; only its notice is lost, and the log says so
            LOG.log(System.Logger.Level.WARNING, "message " + m.id() + " bounced, but its notification could not be kept: " + e.getMessage());
        }
        return true;
    }

    private boolean deferred(QueueId id, Instant next, String reason) {
        SmtpEvents.observer().message("deferred");
        return spool.markDeferred(id, next, reason);
    }

    private static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getCanonicalHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /**
     * Relays in the background until {@link #close()}: {@link RelaySettings#workers()} loops on virtual threads, each
     * claiming its own rounds (the spool's leases keep them apart), so one slow delivery does not hold up the rest; a
     * failing spool is retried after the poll pause.
     */
    public synchronized void start() {
        if (loops != null) return;
        List<Thread> started = new java.util.ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            started.add(Thread.ofVirtual().name("smtp-relay-" + i).start(this::loop));
        }
        loops = List.copyOf(started);
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (relayDue() == 0) Thread.sleep(settings.poll());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "SMTP relay: " + e.getMessage() + "; trying again in " + settings.poll());
                try {
                    Thread.sleep(settings.poll());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Stops the background loops; a delivery in flight finishes (its lease keeps others off it meanwhile). */
    @Override
    public synchronized void close() {
        List<Thread> running = loops;
        loops = null;
        if (running == null) return;
        running.forEach(Thread::interrupt);
        long until = System.nanoTime() + settings.lease().toNanos();
        try {
            for (Thread t : running) t.join(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

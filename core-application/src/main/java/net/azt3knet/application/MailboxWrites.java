package net.azt3knet.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.domain.mailbox.ChangeKind;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.mailbox.MailboxChange;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Failure;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.MailboxLedger;

/**
 * One round of an apply or teardown: a fixed set of workers drains the list of changes. Each create is recorded as
 * pending in the ledger before it is sent, so an interrupted run leaves nothing unknown; every provider write is
 * audited, with its outcome and never a secret.
 */
final class MailboxWrites {
    private final MailboxState s;
    private final ApplyCommand command;
    private final MailboxJob job;
    private final List<MailboxChange> work;
    private final CredentialCipher cipher;
    private final MailboxLedger ledger;
    private final AuditTrail audit;
    private final Clock clock;
    private final AtomicInteger cursor = new AtomicInteger();
    private final AtomicLong done = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final Map<ChangeKind, AtomicLong> counts = new LinkedHashMap<>();
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    /** A worker found the provider's circuit breaker open: the next round waits for it to half-open. */
    private volatile boolean breakerOpen;
    /** Credentials or permissions were refused: no later round can do better. */
    private volatile boolean fatal;
    private long lastSaved;

    MailboxWrites(MailboxState s, ApplyCommand command, MailboxJob job, List<MailboxChange> work, CredentialCipher cipher,
                  MailboxLedger ledger, AuditTrail audit, Clock clock) {
        this.s = s;
        this.command = command;
        this.job = job;
        this.work = work;
        this.cipher = cipher;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        for (ChangeKind k : ChangeKind.values()) counts.put(k, new AtomicLong());
    }

    /** Changes made of {@code kind}. */
    long count(ChangeKind kind) {
        return counts.get(kind).get();
    }

    /** Changes tried, made or failed. */
    long done() {
        return done.get();
    }

    /** What failed, transient or not. */
    List<Failure> failures() {
        return failures;
    }

    /** True when a worker found the provider's circuit breaker open. */
    boolean breakerOpen() {
        return breakerOpen;
    }

    /** True when the provider refused the credentials or a permission: no later round can do better. */
    boolean fatal() {
        return fatal;
    }

    /** True when the thread running the round was interrupted: the changes in flight finished, no new one started. */
    boolean interrupted() {
        return interrupted.get();
    }

    /** Runs the workers until the list is drained, a stop is called for, or the thread is interrupted. */
    void execute() {
        int threads = Math.min(command.concurrency(), Math.max(1, work.size()));
        List<Thread> workers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().name("provision-" + i).daemon().start(this::drain));
        }
        for (Thread t : workers) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    // Stop taking new changes; the ones in flight finish, so none is left half-recorded.
                    interrupted.set(true);
                    stop.set(true);
                }
            }
        }
        if (interrupted.get()) Thread.currentThread().interrupt();
    }

    private void drain() {
        int i;
        while (!stop.get() && (i = cursor.getAndIncrement()) < work.size()) {
            MailboxChange c = work.get(i);
            try {
                apply(c);
                counts.get(c.kind()).incrementAndGet();
            } catch (MailboxProvisioningException e) {
                failures.add(new Failure(c.agentIndex(), c.address(), e.getMessage(), e.isTransient()));
                if (e.reason() == MailboxProvisioningException.Reason.CIRCUIT_OPEN) breakerOpen = true;
                if (e.reason() == MailboxProvisioningException.Reason.UNAUTHORIZED
                        || e.reason() == MailboxProvisioningException.Reason.FORBIDDEN) fatal = true;
                if (breakerOpen || fatal || (command.atomic() && !e.isTransient())) {
                    stop.set(true); // every further call would fail the same way, or the run is being undone
                }
            }
            long n = done.incrementAndGet();
            command.progress().update(n, work.size());
            saveProgress(n);
        }
    }

    private synchronized void saveProgress(long n) {
        long now = clock.millis();
        if (now - lastSaved < 2_000 && n < work.size()) return;
        lastSaved = now;
        job.renew(JobStore.Progress.of(n, work.size()));
    }

    private void apply(MailboxChange c) {
        UUID population = s.population().id();
        String provider = command.target().provider();
        switch (c.kind()) {
            case CREATE -> {
                ledger.pending(population, provider, c.agentIndex(), c.address(), job.id());
                Secret password = s.passwords() ? password(c) : null;
                Secret app = s.passwords() ? appPassword(c) : null;
                ExistingMailbox made;
                try {
                    made = call("mailbox.create", c, Map.of(),
                            () -> s.provider().create(new NewMailbox(c.address(), c.displayName(), password, app, s.owner())));
                } catch (MailboxProvisioningException e) {
                    if (e.reason() == MailboxProvisioningException.Reason.ALREADY_EXISTS) {
                        Optional<ExistingMailbox> there = s.provider().find(c.address());
                        if (there.isPresent()) {
                            finishAmbiguousCreate(c, there.get());
                            return;
                        }
                    }
                    // A refused create made nothing; only an unknown outcome stays pending for the next run to settle.
                    if (!e.isTransient()) ledger.forget(population, provider, c.agentIndex());
                    throw e;
                }
                ledger.active(population, provider, c.agentIndex(), c.address(), made.reference(),
                        s.passwords() ? c.rotation() : -1);
            }
            case ADOPT, UPDATE -> {
                boolean pw = s.passwords() && c.setsPassword();
                boolean name = c.setsDisplayName() || (c.kind() == ChangeKind.ADOPT && !c.displayName().equals(c.existing().displayName()));
                if (pw || name) {
                    MailboxUpdate update = new MailboxUpdate(name ? c.displayName() : null, pw ? password(c) : null,
                            pw ? appPassword(c) : null);
                    call(c.kind() == ChangeKind.ADOPT ? "mailbox.adopt" : "mailbox.update", c,
                            Map.of("display_name", Boolean.toString(name),
                                    "credential_rotation", pw ? Integer.toString(c.rotation()) : "unchanged"), () -> {
                                s.provider().update(c.existing(), update);
                                return c.existing();
                            });
                } else {
                    audit.append(event("mailbox.adopt", c, "ok", Map.of("provider_calls", "0")));
                }
                LedgerMailbox before = s.ledger().get(c.address().toLowerCase(Locale.ROOT));
                int rotation = !s.passwords() ? -1 : pw ? c.rotation() : before == null ? -1 : before.appliedRotation();
                ledger.active(population, provider, c.agentIndex(), c.address(), c.existing().reference(), rotation);
            }
            case DELETE -> {
                ExistingMailbox target = c.existing() != null ? c.existing()
                        : new ExistingMailbox(c.address(), "", reference(c), null, "gone");
                call("mailbox.delete", c, Map.of(), () -> {
                    s.provider().delete(target);
                    return target;
                });
                ledger.forget(population, provider, c.agentIndex());
            }
            default -> throw new IllegalStateException("not a write: " + c.kind());
        }
    }

    /**
     * The address was free when this run read the provider and the ledger records this run creating it, so what
     * holds it now is the create whose answer was lost (a timeout, a reset, a 5xx after the body was sent) that a
     * retry then found: ours. It gets this run's name and password, as a create would have set them.
     */
    private void finishAmbiguousCreate(MailboxChange c, ExistingMailbox there) {
        boolean name = !c.displayName().equals(there.displayName());
        if (s.passwords() || name) {
            MailboxUpdate update = new MailboxUpdate(name ? c.displayName() : null, s.passwords() ? password(c) : null,
                    s.passwords() ? appPassword(c) : null);
            call("mailbox.adopt", c, Map.of("after", "a create whose outcome was unknown"), () -> {
                s.provider().update(there, update);
                return there;
            });
        } else {
            audit.append(event("mailbox.adopt", c, "ok", Map.of("after", "a create whose outcome was unknown",
                    "provider_calls", "0")));
        }
        ledger.active(s.population().id(), command.target().provider(), c.agentIndex(), c.address(), there.reference(),
                s.passwords() ? c.rotation() : -1);
    }

    private String reference(MailboxChange c) {
        LedgerMailbox l = s.ledger().get(c.address().toLowerCase(Locale.ROOT));
        return l != null && l.reference() != null ? l.reference() : c.address();
    }

    /** Derived from the mailbox password, not stored: it follows that password's rotations. */
    private Secret appPassword(MailboxChange c) {
        return cipher.deriveAppPassword(password(c));
    }

    private Secret password(MailboxChange c) {
        SealedCredential sealed = s.sealed().get(c.agentIndex());
        if (sealed == null) {
            throw new MailboxProvisioningException(MailboxProvisioningException.Reason.REJECTED,
                    "agent " + c.agentIndex() + " has no stored credential");
        }
        return cipher.open(new CredentialRef(s.population().id(), c.agentIndex(), c.rotation()), sealed);
    }

    /** Makes one provider write and audits it, success or failure. */
    private <T> T call(String action, MailboxChange c, Map<String, String> details,
                       Supplier<T> write) {
        try {
            T result = write.get();
            audit.append(event(action, c, "ok", details));
            return result;
        } catch (MailboxProvisioningException e) {
            Map<String, String> more = new HashMap<>(details);
            more.put("reason", e.reason().name().toLowerCase(Locale.ROOT));
            audit.append(event(action, c, "failed", more));
            throw e;
        }
    }

    private AuditEvent event(String action, MailboxChange c, String outcome, Map<String, String> details) {
        Map<String, String> all = new HashMap<>(details);
        all.put("provider", command.target().provider());
        all.put("agent", Long.toString(c.agentIndex()));
        all.put("job", Long.toString(job.id()));
        return new AuditEvent(command.actor(), action, "mailbox:" + c.address(), outcome, all);
    }

    /** Removes, at the provider and from the ledger, every mailbox this job created. */
    long compensate() {
        long undone = 0;
        for (LedgerMailbox l : ledger.createdBy(s.population().id(), command.target().provider(), job.id())) {
            MailboxChange c = new MailboxChange(ChangeKind.DELETE, l.agentIndex(), l.address(), "", 0, List.of(), null);
            ExistingMailbox target = new ExistingMailbox(l.address(), "", l.reference() != null ? l.reference() : l.address(), null, "created");
            try {
                call("mailbox.compensate", c, Map.of(), () -> {
                    s.provider().delete(target);
                    return target;
                });
                ledger.forget(s.population().id(), command.target().provider(), l.agentIndex());
                undone++;
            } catch (MailboxProvisioningException e) {
                failures.add(new Failure(l.agentIndex(), l.address(), "could not be undone: " + e.getMessage(), e.isTransient()));
            }
        }
        return undone;
    }
}

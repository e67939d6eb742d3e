package net.azt3knet.adapters.smtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.email.EmailDelivery;
import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * Picks the delivery of each message by its route ({@link EmailDelivery#route()}, from each integration's own
 * settings): the first one naming the submitting gateway user, else the first naming the sender's domain, else the
 * first taking every sender ({@code *}). While the chosen one is unavailable (its circuit breaker open) and its route
 * names a fallback that is available, the fallback takes the message. Messages for one delivery go together, in
 * that delivery's batches, and different deliveries work in parallel.
 */
public final class DeliveryRouter implements EmailDelivery {

    private final Map<String, EmailDelivery> deliveries;

    /** @param deliveries by integration name, in the order they are tried */
    public DeliveryRouter(Map<String, EmailDelivery> deliveries) {
        this.deliveries = new LinkedHashMap<>(deliveries);
        if (this.deliveries.isEmpty()) throw new IllegalArgumentException("smtp relay: no mail delivery is configured");
        this.deliveries.forEach((name, d) -> d.route().fallback().ifPresent(f -> {
            if (!this.deliveries.containsKey(f) || f.equals(name)) {
                throw new IllegalArgumentException("mail delivery " + name + ": its fallback '" + f + "' is not another configured"
                        + " mail delivery; choose one of " + String.join(", ", this.deliveries.keySet()));
            }
        }));
    }

    /** The delivery that takes this message now; empty when no route takes its sender. */
    Optional<EmailDelivery> choose(SpooledMessage m) {
        String sender = m.envelope().reversePath();
        String domain = sender.substring(sender.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        Optional<String> user = m.envelope().submitter();
        Optional<Map.Entry<String, EmailDelivery>> primary = deliveries.entrySet().stream()
                .filter(e -> user.filter(e.getValue().route().users()::contains).isPresent()).findFirst()
                .or(() -> deliveries.entrySet().stream().filter(e -> !sender.isEmpty() && e.getValue().route().senderDomains().contains(domain)).findFirst())
                .or(() -> deliveries.entrySet().stream().filter(e -> e.getValue().route().catchAll()).findFirst());
        return primary.map(e -> {
            EmailDelivery d = e.getValue();
            if (d.available()) return d;
            return d.route().fallback().map(deliveries::get).filter(EmailDelivery::available).orElse(d);
        });
    }

    @Override
    public DeliveryResult deliver(SpooledMessage message) {
        return deliverAll(List.of(message)).get(0);
    }

    @Override
    public List<DeliveryResult> deliverAll(List<SpooledMessage> messages) {
        List<DeliveryResult> results = new ArrayList<>(Collections.nCopies(messages.size(), null));
        Map<EmailDelivery, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Optional<EmailDelivery> d = choose(messages.get(i));
            if (d.isEmpty()) {
                String s = messages.get(i).envelope().reversePath();
                results.set(i, new DeliveryResult.PermanentFailure("no mail delivery takes sender " + (s.isEmpty() ? "<>" : s)
                        + "; name its domain in a delivery's *_SEND_DOMAINS (or * for every sender)"));
            } else {
                groups.computeIfAbsent(d.get(), k -> new ArrayList<>()).add(i);
            }
        }
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Map.Entry<List<Integer>, Future<List<DeliveryResult>>>> calls = new ArrayList<>();
            groups.forEach((d, idx) -> {
                int batch = Math.max(1, d.batchLimit());
                for (int from = 0; from < idx.size(); from += batch) {
                    List<Integer> part = idx.subList(from, Math.min(idx.size(), from + batch));
                    List<SpooledMessage> chunk = part.stream().map(messages::get).toList();
                    calls.add(Map.entry(part, each.submit(() -> d.deliverAll(chunk))));
                }
            });
            for (var c : calls) {
                List<DeliveryResult> got;
                try {
                    got = c.getValue().get();
                } catch (java.util.concurrent.ExecutionException e) { // a delivery should say, not throw: the messages wait
                    got = Collections.nCopies(c.getKey().size(), new DeliveryResult.TransientFailure("delivery failed: " + e.getCause(), Optional.empty()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    got = Collections.nCopies(c.getKey().size(), new DeliveryResult.TransientFailure("relay stopping", Optional.empty()));
                }
                for (int k = 0; k < got.size(); k++) results.set(c.getKey().get(k), got.get(k));
            }
        }
        return results;
    }

    @Override
    public int batchLimit() {
        return Integer.MAX_VALUE;
    }

    /** Some delivery is available. */
    @Override
    public boolean available() {
        return deliveries.values().stream().anyMatch(EmailDelivery::available);
    }

    /** Checks every delivery; the first failure says which. */
    @Override
    public void check() {
        deliveries.forEach((name, d) -> {
            try {
                d.check();
            } catch (RuntimeException e) {
                throw new IllegalStateException("mail delivery " + name + ": " + e.getMessage(), e);
            }
        });
    }
}

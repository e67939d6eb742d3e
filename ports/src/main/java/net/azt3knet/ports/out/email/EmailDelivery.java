package net.azt3knet.ports.out.email;

import java.util.List;
import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * Driven port: hand spooled messages to a mail provider (an HTTP email API or an SMTP smarthost). Implementations
 * never throw for a failed delivery: they say whether it is worth trying again. The spool's queue id is the message's
 * idempotency key where the provider has one.
 */
public interface EmailDelivery {

    DeliveryResult deliver(SpooledMessage message);

    /**
     * Several messages at once, one result per message in the same order. Providers with a batch call (Mailjet takes
     * 50 per request) override it; the default delivers one by one.
     */
    default List<DeliveryResult> deliverAll(List<SpooledMessage> messages) {
        return messages.stream().map(this::deliver).toList();
    }

    /**
     * Checks the credentials and that the provider answers, with one cheap request that sends nothing.
     *
     * @throws RuntimeException naming what is wrong (unreachable, refused credentials)
     */
    void check();

    /** False while the provider is known to be failing (its circuit breaker is open): a router uses its fallback meanwhile. */
    default boolean available() {
        return true;
    }

    /** Which messages it takes when several deliveries are configured; by default every sender's. */
    default DeliveryRoute route() {
        return DeliveryRoute.ANY;
    }

    /** The most messages {@link #deliverAll} takes in one call. */
    default int batchLimit() {
        return 1;
    }
}

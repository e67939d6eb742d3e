package net.azt3knet.ports.out.email;

import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * Driven port: hand one spooled message to a mail provider (an HTTP email API or an SMTP smarthost). Implementations
 * never throw for a failed delivery: they say whether it is worth trying again. The spool's queue id is the message's
 * idempotency key where the provider has one.
 */
public interface EmailDelivery {

    DeliveryResult deliver(SpooledMessage message);
}

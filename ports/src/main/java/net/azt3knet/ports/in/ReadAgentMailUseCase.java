package net.azt3knet.ports.in;

import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;

/** Driving port: the mail kept for an agent, whichever way it came (a provider's webhook, the SMTP gateway). */
public interface ReadAgentMailUseCase {

    /** The most a listing holds. */
    int MAX = 1000;

    /** The newest {@code limit} (1–{@value #MAX}) messages for the agent with {@code address}, oldest first; unknown agent: refused. */
    List<InboundMessage> list(String address, int limit);

    /** One message by its Message-ID (or the {@code sha256:} key of one that had none). */
    Optional<InboundMessage> show(String address, String messageId);
}

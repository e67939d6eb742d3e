package net.azt3knet.ports.out.mail;

import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.OutgoingMail;

/** Driven port: reading received mail and writing replies (RFC 5322 and MIME). */
public interface MessageCodec {

    /**
     * Reads a received message: a provider's inbound-webhook JSON (Mailjet's Parse API payload, as the webhook stores
     * it: a payload that starts with {@code {}) or the raw RFC 5322 message. {@code source} is where it came from, for
     * messages; the form is told by the payload itself, so provider names stay in their adapters.
     *
     * @throws IllegalArgumentException when the payload cannot be read at all (the message is then not answered)
     */
    IncomingMail read(String source, byte[] payload);

    /**
     * Writes a reply as RFC 5322 bytes (CRLF): {@code multipart/alternative}, UTF-8, with In-Reply-To, References,
     * {@code Auto-Submitted: auto-replied}, {@code X-Auto-Response-Suppress: All} and the extra headers.
     */
    byte[] write(OutgoingMail mail);
}

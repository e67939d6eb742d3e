package net.azt3knet.ports.out.mail;

import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.OutgoingMail;

/** Driven port: reading received mail and writing replies (RFC 5322 and MIME). */
public interface MessageCodec {

    /**
     * Reads a received message. {@code source} says the payload's form: {@code mailjet} is Mailjet's Parse API JSON
     * (as the inbound webhook stores it); anything else is the raw RFC 5322 message.
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

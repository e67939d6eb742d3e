package net.azt3knet.adapters.mail;

import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.OutgoingMail;
import net.azt3knet.ports.out.mail.MessageCodec;

/** {@link MessageCodec} on Angus Mail's MIME parser and writer; Mailjet's Parse API JSON read with Jackson. */
public final class AngusMessageCodec implements MessageCodec {

    @Override
    public IncomingMail read(String source, byte[] payload) {
        throw new UnsupportedOperationException("skeleton: AngusMessageCodec.read");
    }

    @Override
    public byte[] write(OutgoingMail mail) {
        throw new UnsupportedOperationException("skeleton: AngusMessageCodec.write");
    }
}

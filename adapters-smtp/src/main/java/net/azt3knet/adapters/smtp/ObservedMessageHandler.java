package net.azt3knet.adapters.smtp;

import java.io.IOException;
import java.io.InputStream;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * Reports the replies to MAIL, RCPT and DATA (the library writes {@code 250} when the handler returns, the code of a
 * {@link RejectException} when it throws) and each queued message, around the handler that decides them.
 */
final class ObservedMessageHandler implements MessageHandler {

    private final MessageHandler handler;

    ObservedMessageHandler(MessageHandler handler) {
        this.handler = handler;
    }

    @Override
    public void from(String from) throws RejectException {
        try {
            handler.from(from);
        } catch (RejectException e) {
            SmtpEvents.observer().reply(e.getCode());
            throw e;
        }
        SmtpEvents.observer().reply(250);
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        try {
            handler.recipient(recipient);
        } catch (RejectException e) {
            SmtpEvents.observer().reply(e.getCode());
            throw e;
        }
        SmtpEvents.observer().reply(250);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        String reply;
        try {
            reply = handler.data(data);
        } catch (RejectException e) {
            SmtpEvents.observer().reply(e.getCode());
            throw e;
        }
        SmtpEvents.observer().reply(250);
        SmtpEvents.observer().message("accepted");
        return reply;
    }

    @Override
    public void done() {
        handler.done();
    }
}

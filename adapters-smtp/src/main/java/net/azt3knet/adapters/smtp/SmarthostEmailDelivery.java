package net.azt3knet.adapters.smtp;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.email.EmailDelivery;
import net.azt3knet.ports.out.spool.SpooledMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * {@link EmailDelivery} through an SMTP smarthost with Angus Mail: the spooled bytes as they are, the spooled envelope
 * (MAIL FROM and RCPT TO, never the headers). A 5xx reply is a permanent failure, a 4xx reply or a connection that
 * fails is transient. An SMTP server has no idempotency key: a message whose attempt was interrupted is sent again
 * (at least once), as every MTA does.
 */
public final class SmarthostEmailDelivery implements EmailDelivery {

    private static final Pattern QUEUED_AS = Pattern.compile("queued as ([^\\s]+)", Pattern.CASE_INSENSITIVE);

    private final SmarthostSettings settings;
    private final Session session;

    public SmarthostEmailDelivery(SmarthostSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        String ms = Long.toString(settings.timeout().toMillis());
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        p.put("mail.smtp.localhost", settings.heloName());
        p.put("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
        switch (settings.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> p.put("mail.smtp.starttls.enable", "false");
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public DeliveryResult deliver(SpooledMessage message) {
        Address[] recipients;
        try {
            List<String> to = message.envelope().recipients();
            recipients = new Address[to.size()];
            for (int i = 0; i < to.size(); i++) recipients[i] = new InternetAddress(to.get(i), true);
        } catch (AddressException e) {
            return new DeliveryResult.PermanentFailure("a recipient is not an address: " + e.getMessage());
        }
        long started = System.nanoTime();
        String outcome = "unreachable";
        try (Transport t = session.getTransport("smtp")) {
            SMTPMessage smtp = new SMTPMessage(session, new ByteArrayInputStream(message.content()));
            String from = message.envelope().reversePath();
            smtp.setEnvelopeFrom(from.isEmpty() ? "<>" : from);
            t.connect(settings.host(), settings.port(), settings.username().orElse(null), settings.password().orElse(null));
            t.sendMessage(smtp, recipients);
            outcome = "250";
            return new DeliveryResult.Sent(providerId(((org.eclipse.angus.mail.smtp.SMTPTransport) t).getLastServerResponse()));
        } catch (AuthenticationFailedException e) {
            outcome = "535";
            return new DeliveryResult.TransientFailure("smarthost " + settings.host() + " refused the credentials of "
                    + settings.username().orElse("(none)") + "; check the smarthost user and password", Optional.empty());
        } catch (MessagingException e) {
            outcome = outcome(e);
            return classify(e);
        } finally { // metered like the HTTP providers' calls
            ProviderCalls.report("Smarthost", "SMTP", outcome, System.nanoTime() - started);
        }
    }

    /** The first SMTP reply code in the failure's chain, else {@code timeout} or {@code unreachable}. */
    private static String outcome(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            int code = switch (x) {
                case SMTPSendFailedException f -> f.getReturnCode();
                case SMTPAddressFailedException f -> f.getReturnCode();
                case SMTPSenderFailedException f -> f.getReturnCode();
                default -> 0;
            };
            if (code > 0) return Integer.toString(code);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.SocketTimeoutException) return "timeout";
        }
        return "unreachable";
    }

    /** Connects (and authenticates, when configured) without sending anything. */
    @Override
    public void check() {
        try (Transport t = session.getTransport("smtp")) {
            t.connect(settings.host(), settings.port(), settings.username().orElse(null), settings.password().orElse(null));
        } catch (AuthenticationFailedException e) {
            throw new IllegalStateException("smarthost " + settings.host() + " refused the credentials of "
                    + settings.username().orElse("(none)") + "; check the smarthost user and password");
        } catch (MessagingException e) {
            throw new IllegalStateException(switch (classify(e)) {
                case DeliveryResult.TransientFailure t -> t.reason();
                case DeliveryResult.PermanentFailure p -> p.reason();
                case DeliveryResult.Sent s -> "smarthost " + settings.host() + ": " + e.getMessage();
            });
        }
    }

    /** The id the smarthost gave ("queued as X"), else its whole reply. */
    static String providerId(String reply) {
        String r = reply == null ? "" : reply.strip();
        Matcher m = QUEUED_AS.matcher(r);
        return m.find() ? m.group(1) : r;
    }

    /**
     * The first SMTP reply in the failure's chain decides: 5xx permanent, anything else worth another try. Recipients
     * refused with 550 or 551 (mailbox unavailable, user not local) are hard bounces.
     */
    private DeliveryResult classify(MessagingException e) {
        List<String> unknown = new java.util.ArrayList<>();
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException f && (f.getReturnCode() == 550 || f.getReturnCode() == 551)) {
                unknown.add(f.getAddress().getAddress());
            }
        }
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            int code = switch (x) {
                case SMTPSendFailedException f -> f.getReturnCode();
                case SMTPAddressFailedException f -> f.getReturnCode();
                case SMTPSenderFailedException f -> f.getReturnCode();
                default -> 0;
            };
            if (code > 0) {
                String reason = "smarthost " + settings.host() + " answered " + x.getMessage().strip();
                return code >= 500 ? new DeliveryResult.PermanentFailure(reason, unknown) : new DeliveryResult.TransientFailure(reason, Optional.empty());
            }
        }
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return new DeliveryResult.TransientFailure("cannot reach smarthost " + settings.host() + ":" + settings.port() + ": "
                + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()), Optional.empty());
    }
}

package net.azt3knet.domain.responder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test mail: a clean message to {@link #AGENT} that each corpus entry changes in one way. */
final class Mails {

    static final String AGENT = "lucia.mendez@agents.example";
    static final String SENDER = "carlos@friend.example";

    private String from = SENDER;
    private String fromName = "Carlos Ruiz";
    private Optional<String> returnPath = Optional.of(SENDER);
    private final List<String> to = new ArrayList<>(List.of(AGENT));
    private final List<String> cc = new ArrayList<>();
    private String subject = "Dinner on Friday?";
    private final List<IncomingMail.Header> headers = new ArrayList<>(List.of(
            new IncomingMail.Header("Authentication-Results",
                    "mx.agents.example; spf=pass smtp.mailfrom=friend.example; dkim=pass header.d=friend.example; dmarc=pass"),
            new IncomingMail.Header("Received", "from mail.friend.example by mx.agents.example"),
            new IncomingMail.Header("Subject", "Dinner on Friday?")));
    private String contentType = "text/plain";
    private Optional<String> reportType = Optional.empty();
    private String text = "Hi Lucía,\n\nare you free on Friday evening? We could try the new place near the market.\n\nCarlos";
    private final List<IncomingMail.Attachment> attachments = new ArrayList<>();

    static Mails aMail() {
        return new Mails();
    }

    Mails from(String address) {
        this.from = address;
        this.returnPath = Optional.of(address);
        return this;
    }

    Mails fromName(String name) {
        this.fromName = name;
        return this;
    }

    Mails returnPath(Optional<String> path) {
        this.returnPath = path;
        return this;
    }

    Mails to(String... addresses) {
        to.clear();
        to.addAll(List.of(addresses));
        return this;
    }

    Mails cc(String... addresses) {
        cc.addAll(List.of(addresses));
        return this;
    }

    Mails subject(String s) {
        this.subject = s;
        return this;
    }

    Mails header(String name, String value) {
        headers.add(new IncomingMail.Header(name, value));
        return this;
    }

    /** A header above all others, as the receiving server writes it. */
    Mails topHeader(String name, String value) {
        headers.add(0, new IncomingMail.Header(name, value));
        return this;
    }

    Mails withoutHeader(String name) {
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
        return this;
    }

    Mails contentType(String type, String report) {
        this.contentType = type;
        this.reportType = Optional.ofNullable(report);
        return this;
    }

    Mails text(String t) {
        this.text = t;
        return this;
    }

    Mails attachment(String filename, String type, long size) {
        attachments.add(new IncomingMail.Attachment(filename, type, size));
        return this;
    }

    IncomingMail build() {
        return new IncomingMail("m1@friend.example", from, fromName, returnPath, to, cc, subject, Optional.empty(),
                Optional.empty(), List.of(), headers, contentType, reportType, text, attachments, text.length() + 500L);
    }
}

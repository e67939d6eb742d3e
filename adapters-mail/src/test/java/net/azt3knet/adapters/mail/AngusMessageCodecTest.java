package net.azt3knet.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.OutgoingMail;
import org.junit.jupiter.api.Test;

/** Received mail as servers and Mailjet hand it over, and replies written and read back. */
class AngusMessageCodecTest {

    private final AngusMessageCodec codec = new AngusMessageCodec();

    private static byte[] crlf(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAMultipartMixedMessageWithAnEncodedSubjectAndAnAttachment() {
        byte[] raw = crlf("""
                Return-Path: <Bounce@Example.NET>
                Message-ID: <abc-1@example.net>
                From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <Juergen@Example.NET>
                To: Agent <Agent@Agents.example.org>, other@example.com
                Cc: copy@example.com
                Subject: =?ISO-8859-1?Q?Gr=FC=DFe?= aus
                 Berlin
                Date: Mon, 1 Jun 2026 12:00:00 +0000
                In-Reply-To: <root@example.org>
                References: <root@example.org>
                 <mid@example.org>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                Hallo, sch=C3=B6ner Tag.
                --b1
                Content-Type: application/pdf; name="offer.pdf"
                Content-Disposition: attachment; filename="offer.pdf"
                Content-Transfer-Encoding: base64

                AAECAwQFBgcICQ==
                --b1--
                """);
        IncomingMail m = codec.read("imap", raw);
        assertThat(m.messageId()).isEqualTo("abc-1@example.net");
        assertThat(m.from()).isEqualTo("juergen@example.net");
        assertThat(m.fromName()).isEqualTo("Jürgen Müller");
        assertThat(m.returnPath()).contains("bounce@example.net");
        assertThat(m.to()).containsExactly("agent@agents.example.org", "other@example.com");
        assertThat(m.cc()).containsExactly("copy@example.com");
        assertThat(m.subject()).isEqualTo("Grüße aus Berlin");
        assertThat(m.date()).contains(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(m.inReplyTo()).contains("root@example.org");
        assertThat(m.references()).containsExactly("root@example.org", "mid@example.org");
        assertThat(m.threadId()).isEqualTo("root@example.org");
        assertThat(m.contentType()).isEqualTo("multipart/mixed");
        assertThat(m.reportType()).isEmpty();
        assertThat(m.text()).isEqualTo("Hallo, schöner Tag.");
        assertThat(m.attachments()).containsExactly(new IncomingMail.Attachment("offer.pdf", "application/pdf", 10));
        assertThat(m.size()).isEqualTo(raw.length);
        assertThat(m.headers().get(0)).isEqualTo(new IncomingMail.Header("Return-Path", "<Bounce@Example.NET>"));
        assertThat(m.firstHeader("Subject")).contains("Grüße aus Berlin");
    }

    @Test
    void aDeliveryStatusNotificationIsAReportWithTheNullReturnPath() {
        IncomingMail m = codec.read("imap", crlf("""
                Return-Path: <>
                From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
                To: agent@agents.example.org
                Subject: Undelivered Mail Returned to Sender
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                The mail could not be delivered.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net
                Final-Recipient: rfc822; gone@example.net
                Action: failed
                Status: 5.1.1
                --r--
                """));
        assertThat(m.returnPath()).contains("");
        assertThat(m.contentType()).isEqualTo("multipart/report");
        assertThat(m.reportType()).contains("delivery-status");
        assertThat(m.text()).isEqualTo("The mail could not be delivered.");
        assertThat(m.attachments()).extracting(IncomingMail.Attachment::contentType).containsExactly("message/delivery-status");
        assertThat(m.messageId()).startsWith("sha256:").hasSize(7 + 64);
    }

    @Test
    void htmlOnlyMailIsReducedToItsText() {
        IncomingMail m = codec.read("imap", crlf("""
                From: a@example.net
                Content-Type: text/html; charset=UTF-8

                <html><head><style>p {color: red}</style></head><body><p>Hello &amp; welcome&#33;</p><script>alert(1)</script><div>Second&nbsp;line</div></body></html>
                """));
        assertThat(m.text()).isEqualTo("Hello & welcome!\nSecond line");
        assertThat(m.returnPath()).isEmpty();
    }

    @Test
    void theTextIsCappedAtOneMebibyte() {
        String big = "x".repeat(3 * AngusMessageCodec.MAX_TEXT);
        IncomingMail m = codec.read("imap", crlf("From: a@example.net\nSubject: big\n\n" + big + "\n"));
        assertThat(m.text()).hasSize(AngusMessageCodec.MAX_TEXT);
    }

    @Test
    void unreadableInputIsRefusedWithAReason() {
        assertThatThrownBy(() -> codec.read("imap", new byte[0])).isInstanceOf(IllegalArgumentException.class).hasMessage("the message is empty");
        assertThatThrownBy(() -> codec.read("imap", crlf("\nno headers at all\n"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no header fields");
        assertThatThrownBy(() -> codec.read("mailjet", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not Mailjet parse JSON");
        assertThatThrownBy(() -> codec.read("mailjet", "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void readsMailjetParseJsonWithTheSpamScoreAsAHeader() {
        String json = """
                {"Sender": "bounce@example.net", "Recipient": "agent@agents.example.org", "From": "Pat <Pat@Example.net>",
                 "Subject": "Question", "Headers": {"Message-ID": "<mj-1@example.net>", "Date": "Mon, 1 Jun 2026 12:00:00 +0000",
                 "References": "<r1@example.org> <r2@example.org>", "In-Reply-To": "<r2@example.org>", "Received": ["by a", "by b"]},
                 "Text-part": "Plain words", "Html-part": "<p>Html words</p>", "SpamAssassinScore": "2.1",
                 "Parts": [{"ContentRef": "Text-part"}, {"ContentRef": "Attachment1",
                   "Headers": {"Content-Type": "image/png; name=\\"logo.png\\""}}],
                 "Attachment1": "iVBORw0KGgo="}
                """;
        IncomingMail m = codec.read("mailjet", json.getBytes(StandardCharsets.UTF_8));
        assertThat(m.messageId()).isEqualTo("mj-1@example.net");
        assertThat(m.from()).isEqualTo("pat@example.net");
        assertThat(m.fromName()).isEqualTo("Pat");
        assertThat(m.returnPath()).contains("bounce@example.net");
        assertThat(m.to()).containsExactly("agent@agents.example.org");
        assertThat(m.subject()).isEqualTo("Question");
        assertThat(m.date()).contains(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(m.references()).containsExactly("r1@example.org", "r2@example.org");
        assertThat(m.inReplyTo()).contains("r2@example.org");
        assertThat(m.header("Received")).containsExactly("by a", "by b");
        assertThat(m.firstHeader("X-Spam-Score")).contains("2.1");
        assertThat(m.text()).isEqualTo("Plain words");
        assertThat(m.contentType()).isEqualTo("multipart/alternative");
        assertThat(m.attachments()).containsExactly(new IncomingMail.Attachment("logo.png", "image/png", 8));
    }

    @Test
    void mailjetWithoutAMessageIdIsKeyedByItsDigest() {
        byte[] json = "{\"Recipient\": \"agent@agents.example.org\", \"Html-part\": \"<b>Hi</b>\"}".getBytes(StandardCharsets.UTF_8);
        IncomingMail m = codec.read("mailjet", json);
        assertThat(m.messageId()).isEqualTo("sha256:" + AngusMessageCodec.sha256Hex(json));
        assertThat(m.text()).isEqualTo("Hi");
        assertThat(m.contentType()).isEqualTo("text/html");
    }

    private static OutgoingMail reply(List<String> references, List<IncomingMail.Header> extra) {
        return new OutgoingMail("r-1@agents.example.org", "agent@agents.example.org", "Ana Agent", "pat@example.net",
                "Re: Grüße", Instant.parse("2026-06-01T12:05:00Z"), "mj-1@example.net", references,
                "Hello Pat,\nthanks.\n", "<p>Hello Pat,<br>thanks.</p>", extra);
    }

    @Test
    void aWrittenReplyReadsBackWithTheSameThreadingAndAutomationHeaders() {
        List<String> refs = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "long-reference-id-" + i + "@mail.example.org").toList();
        byte[] bytes = codec.write(reply(refs, List.of(new IncomingMail.Header("X-Azt3knet-Thread", "t-1"))));
        String s = new String(bytes, StandardCharsets.US_ASCII);
        assertThat(s.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(s).contains("Auto-Submitted: auto-replied\r\n", "X-Auto-Response-Suppress: All\r\n", "X-Azt3knet-Thread: t-1\r\n",
                "multipart/alternative", "quoted-printable").doesNotContain("Precedence");
        assertThat(s.lines().filter(l -> l.length() > 78)).isEmpty();
        IncomingMail back = codec.read("imap", bytes);
        assertThat(back.messageId()).isEqualTo("r-1@agents.example.org");
        assertThat(back.inReplyTo()).contains("mj-1@example.net");
        assertThat(back.references()).isEqualTo(refs);
        assertThat(back.subject()).isEqualTo("Re: Grüße");
        assertThat(back.from()).isEqualTo("agent@agents.example.org");
        assertThat(back.fromName()).isEqualTo("Ana Agent");
        assertThat(back.to()).containsExactly("pat@example.net");
        assertThat(back.date()).contains(Instant.parse("2026-06-01T12:05:00Z"));
        assertThat(back.text()).isEqualTo("Hello Pat,\r\nthanks.\r\n");
    }

    @Test
    void lineBreaksInHeaderValuesCannotAddHeaders() {
        OutgoingMail m = new OutgoingMail("r-2@agents.example.org", "agent@agents.example.org", "Ana", "pat@example.net",
                "Re: hi\r\nBcc: victim@example.com", Instant.parse("2026-06-01T12:05:00Z"), "x@example.net", List.of(), "t", "<p>t</p>", List.of());
        IncomingMail back = codec.read("imap", codec.write(m));
        assertThat(back.firstHeader("Bcc")).isEmpty();
        assertThat(back.subject()).isEqualTo("Re: hi Bcc: victim@example.com");
        assertThatThrownBy(() -> codec.write(reply(List.of(), List.of(new IncomingMail.Header("Bad: name", "v")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a header field name");
        assertThat(Optional.of(back.messageId())).contains("r-2@agents.example.org");
    }
}

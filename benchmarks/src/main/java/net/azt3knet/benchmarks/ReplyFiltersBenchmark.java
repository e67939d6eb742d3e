package net.azt3knet.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.azt3knet.domain.responder.FilterDecision;
import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.IncomingMail.Attachment;
import net.azt3knet.domain.responder.IncomingMail.Header;
import net.azt3knet.domain.responder.ReplyCounts;
import net.azt3knet.domain.responder.ReplyFilters;
import net.azt3knet.domain.responder.ReplyPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The responder's filters: average time per message over a realistic mix (four clean mails with a 4 KB body and a
 * dozen headers, which pass every check, one mailing-list mail, one mail with a PDF attachment, and a phishing mail).
 * Target (issue 22): ≤ 1 ms per message. {@code bench/jmh.sh ReplyFiltersBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplyFiltersBenchmark {

    private static final String AGENT = "lucia.mendez@agents.example";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Predicate<String> OWN = a -> a.endsWith("@agents.example");
    private static final ReplyCounts COUNTS = new ReplyCounts(1, 40, Optional.of(NOW.minusSeconds(3 * 86_400)), 1, 200_000);
    private static final int MIX = 7;

    private List<IncomingMail> mails;

    @Setup
    public void prepare() {
        String body = body(4096);
        mails = List.of(
                mail("carlos@friend.example", "Dinner on Friday?", List.of(), body, List.of()),
                mail("ana@work.example", "Re: the report", List.of(), body, List.of()),
                mail("li@uni.example", "Question about the trip", List.of(), body, List.of()),
                mail("sam@club.example", "Saturday match", List.of(), body, List.of()),
                mail("news@lists.example", "[dev] weekly digest", List.of(new Header("List-Id", "<dev.lists.example>"),
                        new Header("List-Unsubscribe", "<mailto:leave@lists.example>"), new Header("Precedence", "list")), body, List.of()),
                mail("ana@work.example", "Invoice", List.of(), body,
                        List.of(new Attachment("invoice-2026-11.pdf", "application/pdf", 180_000))),
                mail("support@bank-secure.example", "URGENT ACCOUNT NOTICE", List.of(), body
                        + "\nPlease verify your account: https://www.bank.example <https://login.evil.example/bank>", List.of()));
        if (mails.size() != MIX) throw new IllegalStateException("the mix has " + mails.size() + " messages");
        for (IncomingMail m : mails) {
            // A benchmark of a broken filter measures nothing: the clean mails must pass, the others must not.
            boolean clean = !m.subject().startsWith("[dev]") && !m.subject().startsWith("URGENT");
            FilterDecision d = ReplyFilters.screen(m, AGENT, ReplyPolicy.DEFAULT, OWN, COUNTS, NOW);
            if (d.answer() != clean) throw new IllegalStateException("unexpected decision " + d + " for " + m.subject());
        }
    }

    /** Every message of the mix once; the score is the average per message. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void screen(Blackhole hole) {
        for (IncomingMail m : mails) hole.consume(ReplyFilters.screen(m, AGENT, ReplyPolicy.DEFAULT, OWN, COUNTS, NOW));
    }

    private static IncomingMail mail(String from, String subject, List<Header> extra, String text, List<Attachment> attachments) {
        List<Header> headers = new ArrayList<>(List.of(
                new Header("Return-Path", "<" + from + ">"),
                new Header("Authentication-Results", "mx.agents.example; spf=pass smtp.mailfrom=" + from.substring(from.indexOf('@') + 1)
                        + "; dkim=pass header.d=" + from.substring(from.indexOf('@') + 1) + "; dmarc=pass (p=none)"),
                new Header("Received", "from mail.example (mail.example [192.0.2.10]) by mx.agents.example with ESMTPS"),
                new Header("Received", "from client (client [198.51.100.7]) by mail.example with ESMTPSA"),
                new Header("DKIM-Signature", "v=1; a=rsa-sha256; d=example; s=s1; h=from:to:subject:date; bh=abc; b=def"),
                new Header("Message-ID", "<m-" + subject.hashCode() + "@example>"),
                new Header("Date", "Thu, 03 Dec 2026 11:59:00 +0000"),
                new Header("From", from),
                new Header("To", AGENT),
                new Header("Subject", subject),
                new Header("MIME-Version", "1.0"),
                new Header("Content-Type", "text/plain; charset=utf-8")));
        headers.addAll(extra);
        return new IncomingMail("m-" + subject.hashCode() + "@example", from, "", Optional.of(from), List.of(AGENT), List.of(),
                subject, Optional.of(NOW), Optional.empty(), List.of(), headers, "text/plain", Optional.empty(), text,
                attachments, text.length() + 1_500L);
    }

    /** Ordinary prose with a link, about {@code chars} long. */
    private static String body(int chars) {
        String paragraph = "Hi Lucía, thanks for your message. I looked at the plan again and I think the second week "
                + "works better for everyone; the museum is closed on Mondays, so we could start on Tuesday and keep "
                + "Wednesday for the market. The photos from last time are at https://photos.friend.example/album/7 "
                + "if you want to pick some for the album. Let me know what you think.\n\n";
        StringBuilder out = new StringBuilder(chars + paragraph.length());
        while (out.length() < chars) out.append(paragraph);
        return out.append("Best, Carlos").toString();
    }
}

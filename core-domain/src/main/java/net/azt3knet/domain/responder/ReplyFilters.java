package net.azt3knet.domain.responder;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks every message passes before any model call, cheapest first, each failing with its {@link FilterReason}:
 * RFC 3834 (auto-submitted, precedence, lists, null return path, reports, suppression), addressing, own agents and
 * thread caps, allow and block lists, forged or failed authentication, a rule-based spam score, attachments, then the
 * hourly caps, once-per-period and the token budget. Pure and allocation-light: it runs in well under a millisecond.
 * The first failing check decides; details never carry an address or body text.
 *
 * <p>Choices beyond the RFCs: a From of {@code mailer-daemon@} or {@code postmaster@}, and a message without a
 * readable From, count as a null Return-Path (there is no one to answer). A {@code multipart/report} of any report
 * type and any {@code message/delivery-status} or {@code message/disposition-notification} part (also their
 * {@code message/global-*} forms, RFC 6533) is a delivery report. Authentication is judged as
 * {@link AuthenticationResults} describes: only the topmost header counts, a lower one claiming its authserv-id is
 * forged.
 *
 * <p>The spam score ({@link #spamScore}) adds, over the subject and the first 64 KB of the text:
 * <ul>
 *   <li>5 for {@code X-Spam-Flag: YES} or {@code X-Spam-Status: Yes}; else a positive {@code X-Spam-Score} or
 *       {@code X-Spam-Status ... score=} as given, capped at 10 (negative values are ignored: the sender can write
 *       these headers too);</li>
 *   <li>1.5 for an ALL-CAPS subject (at least 8 letters, 80 % upper case);</li>
 *   <li>1 for 5 to 14 URLs ({@code http://}, {@code https://}, {@code www.}), 2 for 15 or more;</li>
 *   <li>1.5 for a URL shortener (bit.ly, tinyurl.com, t.co, ...);</li>
 *   <li>2.5 for a link whose visible URL names another site than its target ({@code https://bank.example
 *       <https://evil.example/>}, {@code [www.bank.example](https://evil.example)});</li>
 *   <li>2 for each known phishing or scam phrase ("verify your account", "wire transfer", "gift card", ...);</li>
 *   <li>1.5 for an empty subject over a body with a link.</li>
 * </ul>
 * One rule alone stays below the default threshold of 5 except an upstream spam verdict.
 */
public final class ReplyFilters {

    /** Refused by extension (after trailing dots and spaces, which Windows drops): executables, scripts, macros. */
    static final Set<String> REFUSED_EXTENSIONS = Set.of("exe", "scr", "com", "pif", "bat", "cmd", "js", "jse", "vbs",
            "vbe", "wsf", "wsh", "ps1", "psm1", "msi", "msp", "jar", "hta", "cpl", "lnk", "iso", "img", "vhd", "dll",
            "reg", "scf", "docm", "dotm", "xlsm", "xltm", "pptm", "potm", "sh", "app", "apk");

    /** Refused by declared media type, whatever the name says. */
    static final Set<String> REFUSED_TYPES = Set.of("application/x-msdownload", "application/x-msdos-program",
            "application/x-dosexec", "application/x-executable", "application/vnd.microsoft.portable-executable",
            "application/x-ms-installer", "application/x-msi", "application/x-ms-shortcut", "application/hta",
            "application/x-bat", "application/x-sh", "application/x-shellscript", "application/javascript",
            "application/x-javascript", "text/javascript", "application/vbscript", "text/vbscript",
            "application/x-powershell", "application/java-archive", "application/x-java-archive",
            "application/x-iso9660-image", "application/vnd.android.package-archive",
            "application/vnd.ms-word.document.macroenabled.12", "application/vnd.ms-excel.sheet.macroenabled.12",
            "application/vnd.ms-powerpoint.presentation.macroenabled.12");

    private ReplyFilters() {
    }

    /**
     * The decision for {@code mail} received by {@code agent}.
     *
     * @param ownAgent true for an address of one of our agents
     * @param counts   what the store knows about earlier replies
     * @param now      the current time (for once-per-period)
     */
    public static FilterDecision screen(IncomingMail mail, String agent, ReplyPolicy policy, Predicate<String> ownAgent,
                                        ReplyCounts counts, Instant now) {
        FilterDecision d = rfc3834(mail);
        if (d != null) return d;
        if (!mail.addresses(agent)) return no(FilterReason.NOT_ADDRESSED, "the agent is not in To or Cc");
        if (!policy.agentToAgent() && ownAgent.test(mail.from())) {
            return no(FilterReason.OWN_AGENT, "the sender is one of our agents and agent-to-agent threads are off");
        }
        if (counts.threadReplies() >= policy.threadCap()) {
            return no(FilterReason.THREAD_CAP, limit(counts.threadReplies(), "replies in this thread", policy.threadCap()));
        }
        int blocked = SenderPatterns.firstMatch(policy.blockedSenders(), mail.from());
        if (blocked >= 0) return no(FilterReason.BLOCKED_SENDER, "the sender matches block-list entry " + (blocked + 1));
        if (!policy.allowedSenders().isEmpty() && SenderPatterns.firstMatch(policy.allowedSenders(), mail.from()) < 0) {
            return no(FilterReason.NOT_ALLOWED_SENDER, "the sender matches no allow-list entry");
        }
        String auth = AuthenticationResults.failure(mail.headers());
        if (auth != null) return no(FilterReason.AUTHENTICATION_FAILED, auth);
        double spam = SpamRules.score(mail);
        if (spam >= policy.spamThreshold()) {
            return no(FilterReason.SPAM, String.format(Locale.ROOT, "spam score %.1f, threshold %.1f", spam, policy.spamThreshold()));
        }
        d = attachments(mail.attachments(), policy.maxAttachmentBytes());
        if (d != null) return d;
        if (counts.senderLastHour() >= policy.senderPerHour()) {
            return no(FilterReason.SENDER_HOURLY_CAP, limit(counts.senderLastHour(), "replies to this sender in the last hour",
                    policy.senderPerHour()));
        }
        if (counts.allLastHour() >= policy.perHour()) {
            return no(FilterReason.GLOBAL_HOURLY_CAP, limit(counts.allLastHour(), "replies by all agents in the last hour",
                    policy.perHour()));
        }
        // A zero (or negative) period means no once-per limit, as ReplyPolicy documents.
        if (policy.oncePer().isPositive() && counts.lastToSender().isPresent()
                && counts.lastToSender().get().plus(policy.oncePer()).isAfter(now)) {
            return no(FilterReason.ANSWERED_RECENTLY, "this agent answered this sender less than " + policy.oncePer() + " ago");
        }
        if (counts.tokensToday() >= policy.dailyTokens()) {
            return no(FilterReason.TOKEN_BUDGET, limit(counts.tokensToday(), "model tokens today", policy.dailyTokens()));
        }
        return FilterDecision.ANSWER;
    }

    /** The rule-based spam score of {@code mail} (0 for clean mail; 5 and up is spam by default); rules in the class doc. */
    public static double spamScore(IncomingMail mail) {
        return SpamRules.score(mail);
    }

    /** RFC 3834 and its relatives, from one pass over the headers; the checks decide in the order FilterReason lists them. */
    private static FilterDecision rfc3834(IncomingMail mail) {
        String autoSubmitted = null;
        String precedence = null;
        boolean list = false;
        boolean suppressed = false;
        for (IncomingMail.Header h : mail.headers()) {
            String name = h.name();
            if (name.length() > 5 && name.regionMatches(true, 0, "List-", 0, 5)) {
                list = true;
            } else if (autoSubmitted == null && name.equalsIgnoreCase("Auto-Submitted")) {
                String keyword = firstToken(h.value());
                if (!keyword.equals("no")) autoSubmitted = keyword;
            } else if (precedence == null && name.equalsIgnoreCase("Precedence")) {
                String keyword = firstToken(h.value());
                if (keyword.equals("bulk") || keyword.equals("list") || keyword.equals("junk")) precedence = keyword;
            } else if (!suppressed && name.equalsIgnoreCase("X-Auto-Response-Suppress")) {
                suppressed = suppressesReplies(h.value());
            }
        }
        if (autoSubmitted != null) {
            return no(FilterReason.AUTO_SUBMITTED, "Auto-Submitted: " + (safeWord(autoSubmitted) ? autoSubmitted : "(unreadable)"));
        }
        if (precedence != null) return no(FilterReason.PRECEDENCE, "Precedence: " + precedence);
        if (list) return no(FilterReason.MAILING_LIST, "a List-* header (mailing-list traffic)");
        if (mail.returnPath().isPresent() && mail.returnPath().get().isEmpty()) {
            return no(FilterReason.NULL_RETURN_PATH, "Return-Path is the null path <>");
        }
        String from = mail.from();
        if (from.isEmpty()) return no(FilterReason.NULL_RETURN_PATH, "no readable From address");
        if (from.startsWith("mailer-daemon@") || from.startsWith("postmaster@")) {
            return no(FilterReason.NULL_RETURN_PATH, "From is a mail system's address (" + from.substring(0, from.indexOf('@')) + ")");
        }
        String report = deliveryReport(mail);
        if (report != null) return no(FilterReason.DELIVERY_REPORT, report);
        if (suppressed) return no(FilterReason.AUTO_RESPONSE_SUPPRESSED, "X-Auto-Response-Suppress asks for no automatic reply");
        return null;
    }

    private static String deliveryReport(IncomingMail mail) {
        if (mail.contentType().equals("multipart/report")) {
            String type = mail.reportType().orElse("");
            return "multipart/report" + (safeWord(type) ? " (" + type + ")" : "");
        }
        if (isReportPart(mail.contentType())) return mail.contentType();
        for (IncomingMail.Attachment a : mail.attachments()) {
            if (isReportPart(a.contentType())) return "a " + a.contentType() + " part";
        }
        return null;
    }

    private static boolean isReportPart(String type) {
        return type.equals("message/delivery-status") || type.equals("message/disposition-notification")
                || type.equals("message/global-delivery-status") || type.equals("message/global-disposition-notification");
    }

    /** {@code All}, {@code AutoReply} or {@code OOF} among the comma-separated values (Exchange's MS-OXCMAIL). */
    private static boolean suppressesReplies(String value) {
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            String v = value.substring(start, end).strip();
            if (v.equalsIgnoreCase("All") || v.equalsIgnoreCase("AutoReply") || v.equalsIgnoreCase("OOF")) return true;
            start = end + 1;
        }
        return false;
    }

    private static FilterDecision attachments(List<IncomingMail.Attachment> attachments, long maxBytes) {
        for (int i = 0; i < attachments.size(); i++) {
            String refused = refusedType(attachments.get(i));
            if (refused != null) return no(FilterReason.ATTACHMENT_TYPE, "attachment " + (i + 1) + " " + refused);
        }
        for (int i = 0; i < attachments.size(); i++) {
            long size = attachments.get(i).size();
            if (size > maxBytes) {
                return no(FilterReason.ATTACHMENT_SIZE, "attachment " + (i + 1) + " has " + size + " bytes, limit " + maxBytes);
            }
        }
        return null;
    }

    private static String refusedType(IncomingMail.Attachment a) {
        String type = a.contentType();
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) type = type.substring(0, semicolon).strip();
        if (REFUSED_TYPES.contains(type)) return "has the refused media type " + type;
        String name = a.filename();
        // U+202E (right-to-left override) makes "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
        if (name.indexOf('\u202E') >= 0 || name.indexOf('\u202D') >= 0) return "has a direction override in its file name";
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) end--;
        int dot = name.lastIndexOf('.', end - 1);
        if (dot < 0) return null;
        String extension = name.substring(dot + 1, end).toLowerCase(Locale.ROOT);
        if (!REFUSED_EXTENSIONS.contains(extension)) return null;
        boolean doubled = name.lastIndexOf('.', dot - 1) >= 0;
        return doubled ? "has a double extension ending in the refused ." + extension
                : "has the refused extension ." + extension;
    }

    /** The lower-case keyword before any parameters: {@code auto-replied; owner-email=...} gives {@code auto-replied}. */
    private static String firstToken(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** A keyword short and plain enough to repeat in a detail. */
    private static boolean safeWord(String s) {
        if (s.isEmpty() || s.length() > 40) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) return false;
        }
        return true;
    }

    private static String limit(long count, String what, long max) {
        return count + " " + what + ", limit " + max;
    }

    private static FilterDecision no(FilterReason reason, String detail) {
        return new FilterDecision(reason, detail);
    }
}

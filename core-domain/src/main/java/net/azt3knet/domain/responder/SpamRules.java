package net.azt3knet.domain.responder;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of {@link ReplyFilters#spamScore}; their weights are documented there. */
final class SpamRules {

    static final double FLAGGED = 5.0;
    static final double UPSTREAM_SCORE_CAP = 10.0;
    static final double CAPS_SUBJECT = 1.5;
    static final double SOME_URLS = 1.0;
    static final double MANY_URLS = 2.0;
    static final double SHORTENER = 1.5;
    static final double LINK_MISMATCH = 2.5;
    static final double PHRASE = 2.0;
    static final double EMPTY_SUBJECT_LINK = 1.5;

    static final int SOME_URLS_COUNT = 5;
    static final int MANY_URLS_COUNT = 15;
    /** Only the start of a body is scanned: spam shows itself early, and a 1 MB body must not cost a millisecond. */
    static final int SCAN_CHARS = 64 * 1024;

    static final List<String> SHORTENERS = List.of("bit.ly/", "tinyurl.com/", "goo.gl/", "t.co/", "ow.ly/", "is.gd/",
            "buff.ly/", "rebrand.ly/", "cutt.ly/", "shorturl.at/", "rb.gy/", "t.ly/", "tiny.cc/", "s.id/");

    static final List<String> PHRASES = List.of("verify your account", "confirm your account", "confirm your password",
            "update your payment", "account will be suspended", "account has been suspended", "unusual sign-in activity",
            "wire transfer", "western union", "gift card", "bitcoin wallet", "you have won", "claim your prize",
            "lottery winner", "inheritance fund", "urgent response needed", "100% free", "act now");

    /** A link written as {@code visible <target>}, {@code visible (target)} or {@code [visible](target)}: group 1 and 2 are the hosts. */
    private static final Pattern LINK_PAIR = Pattern.compile(
            "(?:https?://|www\\.)([a-z0-9.-]+)[^\\s<>()\\[\\]]*\\]?\\s{0,3}[<(\\[]\\s{0,3}https?://([a-z0-9.-]+)");
    private static final Pattern UPSTREAM_SCORE = Pattern.compile("(?:^|\\s|score=)(-?\\d{1,3}(?:\\.\\d{1,3})?)");

    private SpamRules() {
    }

    static double score(IncomingMail mail) {
        double score = upstream(mail);
        String subject = mail.subject();
        if (shouting(subject)) score += CAPS_SUBJECT;
        String text = mail.text().length() > SCAN_CHARS ? mail.text().substring(0, SCAN_CHARS) : mail.text();
        String lower = text.toLowerCase(Locale.ROOT);
        int urls = count(lower, "http://") + count(lower, "https://") + count(lower, "www.");
        if (urls >= MANY_URLS_COUNT) score += MANY_URLS;
        else if (urls >= SOME_URLS_COUNT) score += SOME_URLS;
        if (urls > 0) {
            for (String s : SHORTENERS) {
                if (containsHost(lower, s)) {
                    score += SHORTENER;
                    break;
                }
            }
            if (urls >= 2 && mismatchedLink(lower)) score += LINK_MISMATCH;
            if (subject.isBlank()) score += EMPTY_SUBJECT_LINK;
        }
        String lowerSubject = subject.toLowerCase(Locale.ROOT);
        for (String phrase : PHRASES) {
            if (lower.contains(phrase) || lowerSubject.contains(phrase)) score += PHRASE;
        }
        return score;
    }

    /**
     * An upstream filter's verdict: {@code X-Spam-Flag: YES}, or a positive {@code X-Spam-Score} / the
     * {@code score=} of {@code X-Spam-Status}. The sender may write these headers too, so a negative score is never
     * taken (it would buy a pass) and a positive one is capped.
     */
    private static double upstream(IncomingMail mail) {
        double best = 0;
        for (IncomingMail.Header h : mail.headers()) {
            String name = h.name();
            if (name.length() < 11 || !name.regionMatches(true, 0, "X-Spam-", 0, 7)) continue;
            if (name.equalsIgnoreCase("X-Spam-Flag")) {
                if (h.value().strip().toUpperCase(Locale.ROOT).startsWith("YES")) best = Math.max(best, FLAGGED);
            } else if (name.equalsIgnoreCase("X-Spam-Score") || name.equalsIgnoreCase("X-Spam-Status")) {
                String value = h.value();
                if (name.equalsIgnoreCase("X-Spam-Status")) {
                    if (value.strip().toUpperCase(Locale.ROOT).startsWith("YES")) best = Math.max(best, FLAGGED);
                    int at = value.toLowerCase(Locale.ROOT).indexOf("score=");
                    if (at < 0) continue;
                    value = value.substring(at);
                }
                Matcher m = UPSTREAM_SCORE.matcher(value);
                if (m.find()) best = Math.max(best, Math.min(UPSTREAM_SCORE_CAP, Double.parseDouble(m.group(1))));
            }
        }
        return best;
    }

    /** At least 8 letters, at least 80 % of them upper case. */
    static boolean shouting(String subject) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) upper++;
            }
        }
        return letters >= 8 && upper * 5 >= letters * 4;
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) n++;
        return n;
    }

    /** {@code host} ("bit.ly/") right after "//", "www." or a word boundary, so "habit.ly/" does not count. */
    private static boolean containsHost(String lower, String host) {
        for (int at = lower.indexOf(host); at >= 0; at = lower.indexOf(host, at + 1)) {
            if (at == 0) return true;
            char before = lower.charAt(at - 1);
            if (before == '/' || before == '.' || !Character.isLetterOrDigit(before) && before != '-') return true;
        }
        return false;
    }

    /** A visible link whose host is not the host it points to: the classic phishing disguise. */
    private static boolean mismatchedLink(String lower) {
        Matcher m = LINK_PAIR.matcher(lower);
        while (m.find()) {
            if (!registrable(m.group(1)).equals(registrable(m.group(2)))) return true;
        }
        return false;
    }

    /** The last two labels of a host, without "www." ("mail.bank.example" and "bank.example" are the same site). */
    private static String registrable(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        int last = h.lastIndexOf('.');
        int second = last <= 0 ? -1 : h.lastIndexOf('.', last - 1);
        return second < 0 ? h : h.substring(second + 1);
    }
}

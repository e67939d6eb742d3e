package net.azt3knet.domain.responder;

import java.util.List;
import java.util.Locale;

/**
 * Reads {@code Authentication-Results} (RFC 8601) the way a receiving server can trust it.
 *
 * <p>Only the topmost header counts: the receiving server prepends its own above everything that came with the
 * message, so every header below it was written by an earlier hop or by the sender, who can write anything. A header
 * below it that claims the same authserv-id is taken as forged (RFC 8601 section 5: a server removes headers that
 * claim its own id, so one that survived was planted) and fails the message as well. Headers from other hops (a
 * forwarder's own id) are ignored.
 *
 * <p>In the topmost header, {@code fail} and {@code permerror} fail for SPF, DKIM and DMARC. SPF {@code softfail}
 * does not: it is what forwarded mail routinely gets, and DMARC already fails real spoofing of a domain that asks for
 * it. DKIM fails only when no signature passed (a list that re-signs leaves one broken and one good signature).
 * {@code temperror}, {@code neutral} and {@code none} do not fail, and mail without the header is not judged here.
 * Comments and quoted strings are skipped, since they may carry text taken from the message.
 */
final class AuthenticationResults {

    static final String HEADER = "Authentication-Results";

    private AuthenticationResults() {
    }

    /** Why the message fails authentication, or null when it does not (or carries no such header). */
    static String failure(List<IncomingMail.Header> headers) {
        String top = null;
        String topId = null;
        for (IncomingMail.Header h : headers) {
            if (!h.name().equalsIgnoreCase(HEADER)) continue;
            String value = clean(h.value());
            if (top == null) {
                top = value;
                topId = authservId(value);
            } else if (!topId.isEmpty() && authservId(value).equalsIgnoreCase(topId)) {
                return "a second Authentication-Results header claims the receiving server's authserv-id (forged)";
            }
        }
        if (top == null) return null;
        boolean dkimFailed = false;
        boolean dkimPassed = false;
        int semicolon = top.indexOf(';');
        while (semicolon >= 0) {
            int next = top.indexOf(';', semicolon + 1);
            String result = top.substring(semicolon + 1, next < 0 ? top.length() : next).strip();
            semicolon = next;
            int eq = result.indexOf('=');
            if (eq <= 0) continue;
            String method = result.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String verdict = firstWord(result, eq + 1);
            boolean failed = verdict.equals("fail") || verdict.equals("permerror");
            switch (method) {
                case "spf", "dmarc" -> {
                    if (failed) return method.toUpperCase(Locale.ROOT) + " " + verdict + " in Authentication-Results";
                }
                case "dkim" -> {
                    dkimFailed |= failed;
                    dkimPassed |= verdict.equals("pass");
                }
                default -> {
                    // other methods (arc, iprev, auth, ...) are not judged
                }
            }
        }
        return dkimFailed && !dkimPassed ? "DKIM failed in Authentication-Results" : null;
    }

    /** The authserv-id: the first word before the first ';' (a version number may follow it). */
    private static String authservId(String cleaned) {
        int semicolon = cleaned.indexOf(';');
        return firstWord(cleaned.substring(0, semicolon < 0 ? cleaned.length() : semicolon), 0);
    }

    private static String firstWord(String s, int from) {
        int start = from;
        while (start < s.length() && Character.isWhitespace(s.charAt(start))) start++;
        int end = start;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != ';') end++;
        return s.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** The value without (nested) comments and quoted strings, each replaced by a space. */
    private static String clean(String value) {
        if (value.indexOf('(') < 0 && value.indexOf('"') < 0) return value;
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (quoted || depth > 0)) {
                i++;
            } else if (quoted) {
                if (c == '"') quoted = false;
            } else if (c == '(') {
                depth++;
            } else if (depth > 0) {
                if (c == ')') depth--;
            } else if (c == '"') {
                quoted = true;
            } else {
                out.append(c);
                continue;
            }
            if (out.isEmpty() || out.charAt(out.length() - 1) != ' ') out.append(' ');
        }
        return out.toString();
    }
}

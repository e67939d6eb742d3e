package net.azt3knet.domain.responder;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check on a model's answer before it is formatted: refused when it repeats the system prompt (or a long piece of
 * it), contains another agent's address or name, a URL that is not in the thread, something that looks like a
 * password or key, or is empty.
 *
 * <p>Rules, in order: blank; any {@value #ECHO_CHARS} consecutive characters of the system message (both compared
 * lower case with runs of whitespace made one space), or one of the prompt's marker phrases; a URL
 * ({@code http://}, {@code https://}, {@code www.}) that the thread's text does not contain (compared without case
 * and trailing punctuation); an address or full name of another agent (names as whole words); a password label
 * followed by {@code :}, {@code =} or "is" ({@code password:}, {@code Passwort ist}, {@code kennwort},
 * {@code contraseña}, {@code mot de passe}), a key shape
 * ({@code sk-…}, {@code AKIA…}, {@code ghp_…}, {@code xox…-}, {@code -----BEGIN}), a run of 32 or more hex digits
 * or of 40 or more base64 characters mixing letters and digits.
 */
public final class ReplySafety {

    /** The shortest piece of the system message whose repetition counts as a leak. */
    static final int ECHO_CHARS = 60;

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"'()\\[\\]{}]+");
    private static final Pattern PASSWORD = Pattern.compile(
            "(?iu)\\b(?:password|passwd|passwort|kennwort|contrase(?:\u00f1|n)a|mot de passe|senha)\\s*(?:[:=]|(?:is|ist|es|est)\\b)");
    private static final Pattern KEY = Pattern.compile(
            "\\bsk-[A-Za-z0-9_-]{16,}|\\bAKIA[0-9A-Z]{16}\\b|\\bgh[pousr]_[A-Za-z0-9]{30,}|\\bxox[abposr]-[A-Za-z0-9-]{10,}|-----BEGIN");
    private static final Pattern HEX_RUN = Pattern.compile("\\b[0-9a-fA-F]{32,}\\b");
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{40,}={0,2}");

    private ReplySafety() {
    }

    /**
     * Empty when {@code reply} may be sent; else why not (no reply text in the reason).
     *
     * @param threadText   the incoming mail and the thread's history: URLs found here may be repeated
     * @param otherAgents  addresses and full names of the population's other agents
     */
    public static Optional<String> refusal(String reply, PersonaPrompt prompt, String threadText, Collection<String> otherAgents) {
        if (reply == null || reply.isBlank()) return Optional.of("the reply is empty");
        String lower = normalise(reply);
        if (echoes(lower, normalise(prompt.system()))) {
            return Optional.of("the reply repeats " + ECHO_CHARS + "+ characters of the system prompt");
        }
        for (String marker : PersonaPrompt.MARKERS) {
            if (lower.contains(normalise(marker))) return Optional.of("the reply repeats a marker phrase of the prompt");
        }
        Matcher url = URL.matcher(reply);
        if (url.find()) {
            String thread = threadText.toLowerCase(Locale.ROOT);
            do {
                if (!thread.contains(trimPunctuation(url.group().toLowerCase(Locale.ROOT)))) {
                    return Optional.of("the reply contains a URL that is not in the thread");
                }
            } while (url.find());
        }
        for (String other : otherAgents) {
            String o = normalise(other).strip();
            if (!o.isEmpty() && containsWord(lower, o)) {
                return Optional.of(o.indexOf('@') >= 0 ? "the reply contains another agent's address"
                        : "the reply names another agent");
            }
        }
        if (PASSWORD.matcher(reply).find()) return Optional.of("the reply mentions a password");
        if (KEY.matcher(reply).find()) return Optional.of("the reply contains what looks like an API key or private key");
        if (HEX_RUN.matcher(reply).find()) return Optional.of("the reply contains a long hexadecimal run (a secret or token)");
        Matcher b64 = BASE64_RUN.matcher(reply);
        while (b64.find()) {
            if (mixesLettersAndDigits(b64.group())) {
                return Optional.of("the reply contains a long base64 run (a secret or token)");
            }
        }
        return Optional.empty();
    }

    /** Any {@link #ECHO_CHARS}-character window of {@code system} inside {@code reply}. */
    private static boolean echoes(String reply, String system) {
        if (reply.length() < ECHO_CHARS || system.length() < ECHO_CHARS) return false;
        for (int i = 0; i + ECHO_CHARS <= system.length(); i++) {
            if (reply.indexOf(system.substring(i, i + ECHO_CHARS)) >= 0) return true;
        }
        return false;
    }

    /** Lower case, every run of whitespace one space. */
    private static String normalise(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
            } else {
                if (space && !out.isEmpty()) out.append(' ');
                space = false;
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static String trimPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?*_~".indexOf(url.charAt(end - 1)) >= 0) end--;
        return url.substring(0, end);
    }

    /** {@code needle} in {@code haystack} with no letter or digit right before or after it. */
    private static boolean containsWord(String haystack, String needle) {
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            int after = at + needle.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(haystack.charAt(at - 1));
            boolean endOk = after == haystack.length() || !Character.isLetterOrDigit(haystack.charAt(after));
            if (startOk && endOk) return true;
        }
        return false;
    }

    private static boolean mixesLettersAndDigits(String run) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < run.length() && !(letter && digit); i++) {
            char c = run.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit;
    }
}

package net.azt3knet.domain.enrichment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.azt3knet.domain.agent.AgentProfile;

/**
 * Checks a model's reply before it becomes part of an agent: it must be the JSON the prompt asked for, of a sensible
 * size, and free of contact data (addresses, phone numbers, URLs, the agent's own address or username), since a
 * synthetic persona must never point at a real person or a reachable place.
 */
public final class ReplyCheck {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+|\\S+\\s?(?:\\[at\\]|\\(at\\))\\s?\\S+");
    private static final Pattern URL = Pattern.compile(
            "(?i)(?:\\b(?:https?|ftp)://|\\bwww\\.|\\b[a-z0-9-]+\\.(?:com|org|net|io|co|info|biz|me|app|dev|xyz|edu|gov|ly|gl)\\b)");
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d[\\d\\s().\\-/]{5,}\\d");
    private static final Pattern HANDLE = Pattern.compile("(?:^|\\s)@[A-Za-z0-9_]{2,}");
    private static final int PHONE_DIGITS = 7;

    private ReplyCheck() {
    }

    /**
     * The verdict on a reply: either a {@code value} (a String, or a List of Strings for list fields) or a
     * {@code rejection} saying why it was refused.
     */
    public record Verdict(Object value, String rejection) {

        public boolean accepted() {
            return rejection == null;
        }

        static Verdict reject(String why) {
            return new Verdict(null, why);
        }
    }

    /** Checks {@code reply}, the model's whole answer to the prompt for {@code field} of {@code agent}. */
    public static Verdict check(EnrichableField field, AgentProfile agent, String reply) {
        Object parsed;
        try {
            parsed = ReplyJson.parse(stripFence(reply.strip()));
        } catch (IllegalArgumentException e) {
            return Verdict.reject("the reply is " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> object) || !object.containsKey("value")) {
            return Verdict.reject("the reply is not an object with a \"value\"");
        }
        Object value = object.get("value");
        if (field.isList()) {
            if (!(value instanceof List<?> items)) return Verdict.reject("\"value\" is not an array of strings");
            int expected = field == EnrichableField.INTERESTS ? agent.interests().size() : 2;
            if (items.size() != expected) {
                return Verdict.reject("\"value\" has " + items.size() + " items, " + expected + " were asked for");
            }
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof String text)) return Verdict.reject("\"value\" holds something other than strings");
                String problem = problem(text.strip(), 60, agent);
                if (problem != null) return Verdict.reject(problem);
                out.add(text.strip());
            }
            return new Verdict(List.copyOf(out), null);
        }
        if (!(value instanceof String text)) return Verdict.reject("\"value\" is not a string");
        int max = switch (field) {
            case BIO -> 280;
            case TONE -> 60;
            default -> 120;
        };
        String problem = problem(text.strip(), max, agent);
        return problem != null ? Verdict.reject(problem) : new Verdict(text.strip(), null);
    }

    /** Small models wrap JSON in a Markdown code fence even when told not to; the fence carries no meaning. */
    private static String stripFence(String s) {
        if (!s.startsWith("```")) return s;
        int firstLine = s.indexOf('\n');
        int end = s.lastIndexOf("```");
        return firstLine > 0 && end > firstLine ? s.substring(firstLine + 1, end).strip() : s;
    }

    private static String problem(String text, int max, AgentProfile agent) {
        if (text.isEmpty()) return "the value is empty";
        if (text.codePointCount(0, text.length()) > max) return "the value is longer than " + max + " characters";
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) return "the value contains a line break or control character";
        }
        if (EMAIL.matcher(text).find()) return "the value contains an e-mail address";
        if (URL.matcher(text).find()) return "the value contains a URL or web address";
        if (HANDLE.matcher(text).find()) return "the value contains a social media handle";
        Matcher phone = PHONE.matcher(text);
        while (phone.find()) {
            if (phone.group().chars().filter(Character::isDigit).count() >= PHONE_DIGITS) {
                return "the value contains a phone number";
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains(agent.email().toLowerCase(Locale.ROOT))) return "the value contains the agent's own address";
        String username = agent.username().toLowerCase(Locale.ROOT);
        // A username that is just a name ("maria") may appear as a word; one with digits or dots is a handle.
        if (!username.chars().allMatch(Character::isLetter) && lower.contains(username)) {
            return "the value contains the agent's username";
        }
        return null;
    }
}

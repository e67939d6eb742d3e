package net.azt3knet.adapters.mail;

import java.util.Locale;
import java.util.Map;

/**
 * HTML reduced to its words for the filters and the model. A small one-pass tag stripper rather than an HTML parser:
 * nothing is rendered, so only the text matters, and a single forward scan stays linear on hostile input.
 */
final class HtmlText {

    private static final Map<String, String> ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
            "nbsp", " ", "copy", "\u00a9", "reg", "\u00ae", "hellip", "\u2026", "mdash", "\u2014");

    private HtmlText() {
    }

    static String of(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 16));
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) break;
                String tag = tagName(lower, i + 1, end);
                if (tag.equals("script") || tag.equals("style") || tag.equals("head")) {
                    int close = lower.indexOf("</" + tag, end);
                    if (close < 0) break;
                    end = lower.indexOf('>', close);
                    if (end < 0) break;
                } else if (tag.equals("br") || tag.equals("/p") || tag.equals("/div") || tag.equals("/li") || tag.equals("/tr")
                        || tag.matches("/h[1-6]") || tag.equals("/blockquote")) {
                    out.append('\n');
                }
                i = end + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                String decoded = semi > i && semi - i <= 10 ? entity(html.substring(i + 1, semi)) : null;
                if (decoded == null) {
                    out.append('&');
                    i++;
                } else {
                    out.append(decoded);
                    i = semi + 1;
                }
            } else {
                out.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
                i++;
            }
        }
        return out.toString().replaceAll(" {2,}", " ").replaceAll(" *\n *", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String tagName(String lower, int from, int end) {
        int i = from;
        while (i < end && (Character.isLetterOrDigit(lower.charAt(i)) || (i == from && lower.charAt(i) == '/'))) i++;
        return lower.substring(from, i);
    }

    private static String entity(String name) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) return Character.toString(Integer.parseInt(name.substring(2), 16));
            if (name.startsWith("#")) return Character.toString(Integer.parseInt(name.substring(1)));
        } catch (IllegalArgumentException notANumber) {
            return null;
        }
        return ENTITIES.get(name.toLowerCase(Locale.ROOT));
    }
}

package net.azt3knet.domain.responder;

import java.util.List;

/**
 * Sender patterns of {@link ReplyPolicy}: an address ({@code a@b.example}), a domain ({@code @b.example}, which also
 * matches {@code x.b.example}) or {@code *}; always case-insensitive. Compared in place, without lower-casing copies,
 * since this runs for every message.
 */
final class SenderPatterns {

    private SenderPatterns() {
    }

    /** The first pattern of {@code patterns} that {@code address} matches, or -1. */
    static int firstMatch(List<String> patterns, String address) {
        for (int i = 0; i < patterns.size(); i++) {
            if (matches(patterns.get(i).strip(), address)) return i;
        }
        return -1;
    }

    static boolean matches(String pattern, String address) {
        if (pattern.equals("*")) return true;
        if (pattern.isEmpty() || address.isEmpty()) return false;
        if (pattern.charAt(0) != '@') return pattern.equalsIgnoreCase(address);
        int at = address.lastIndexOf('@');
        if (at < 0) return false;
        int domainLength = address.length() - at - 1;
        int patternLength = pattern.length() - 1;
        if (patternLength == 0 || domainLength < patternLength) return false;
        int start = address.length() - patternLength;
        if (!address.regionMatches(true, start, pattern, 1, patternLength)) return false;
        // "@b.example" matches "b.example" and "x.b.example", never "evilb.example".
        return domainLength == patternLength || address.charAt(start - 1) == '.';
    }
}

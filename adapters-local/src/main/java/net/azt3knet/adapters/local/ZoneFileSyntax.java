package net.azt3knet.adapters.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.azt3knet.domain.dns.MailRecords;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.ports.out.dns.DnsRecordsException.Reason;

/** Reads and writes RFC 1035 master files: {@code $ORIGIN}, {@code $TTL}, parentheses, comments, relative names. */
final class ZoneFileSyntax {

    /** Types whose data holds a domain name last, which may be written relative to the origin. */
    private static final Set<String> NAME_LAST = Set.of("CNAME", "NS", "PTR", "DNAME", "MX", "SRV");

    private ZoneFileSyntax() {
    }

    static String write(String domain, List<Rrset> sets) {
        StringBuilder out = new StringBuilder(256 + sets.size() * 80);
        out.append("; ").append(domain).append(" - written by azt3knet (dns apply). Sets azt3knet does not declare\n")
                .append("; are kept as they are; edit them here, azt3knet's own are rewritten on the next apply.\n")
                .append("$ORIGIN ").append(domain).append(".\n");
        for (Rrset r : sets) {
            String owner = r.subname().isEmpty() ? "@" : r.subname();
            for (String value : r.records()) {
                out.append(owner).append('\t').append(r.ttl()).append("\tIN\t").append(r.type()).append('\t').append(value).append('\n');
            }
        }
        return out.toString();
    }

    static List<Rrset> read(String text, String domain, String source) {
        String origin = domain.toLowerCase(Locale.ROOT) + ".";
        int defaultTtl = 3600;
        String owner = origin;
        Map<String, List<String>> records = new LinkedHashMap<>();
        Map<String, Integer> ttls = new LinkedHashMap<>();
        List<String> lines = logicalLines(text);
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank()) continue;
            List<String> t = tokens(line);
            if (t.get(0).equalsIgnoreCase("$ORIGIN")) {
                origin = absolute(t.get(1), origin);
                continue;
            }
            if (t.get(0).equalsIgnoreCase("$TTL")) {
                defaultTtl = Integer.parseInt(t.get(1));
                continue;
            }
            int i = 0;
            if (!Character.isWhitespace(line.charAt(0))) owner = absolute(t.get(i++), origin);
            int ttl = defaultTtl;
            for (int k = 0; k < 2 && i < t.size(); k++) {
                if (t.get(i).chars().allMatch(Character::isDigit)) ttl = Integer.parseInt(t.get(i++));
                else if (t.get(i).equalsIgnoreCase("IN")) i++;
            }
            if (i >= t.size() - 1) throw bad(source, number, "needs a type and data: " + line.strip());
            String type = t.get(i++).toUpperCase(Locale.ROOT);
            List<String> data = new ArrayList<>(t.subList(i, t.size()));
            if (NAME_LAST.contains(type)) data.set(data.size() - 1, absolute(data.get(data.size() - 1), origin));
            String sub = MailRecords.relative(owner, domain);
            if (sub == null) throw bad(source, number, owner + " is outside " + domain);
            String key = sub + "/" + type;
            records.computeIfAbsent(key, x -> new ArrayList<>()).add(String.join(" ", data));
            ttls.putIfAbsent(key, ttl);
        }
        List<Rrset> out = new ArrayList<>();
        for (var e : records.entrySet()) {
            int slash = e.getKey().lastIndexOf('/');
            try {
                out.add(new Rrset(e.getKey().substring(0, slash), e.getKey().substring(slash + 1), ttls.get(e.getKey()), e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new DnsRecordsException(Reason.BAD_RESPONSE, source + ": " + ex.getMessage());
            }
        }
        return out;
    }

    private static DnsRecordsException bad(String source, int line, String what) {
        return new DnsRecordsException(Reason.BAD_RESPONSE, source + " entry " + line + " " + what);
    }

    /** Lines with comments removed and parenthesised continuations joined (quotes respected). */
    private static List<String> logicalLines(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                cur.append(c);
                if (c == '\\' && i + 1 < text.length()) cur.append(text.charAt(++i));
                else if (c == '"') quoted = false;
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    cur.append(c);
                }
                case ';' -> {
                    while (i + 1 < text.length() && text.charAt(i + 1) != '\n') i++;
                }
                case '(' -> {
                    depth++;
                    cur.append(' ');
                }
                case ')' -> {
                    depth--;
                    cur.append(' ');
                }
                case '\n' -> {
                    if (depth > 0) {
                        cur.append(' ');
                    } else {
                        out.add(cur.toString());
                        cur.setLength(0);
                    }
                }
                default -> cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Whitespace-separated tokens; a quoted string (escapes kept) is one token. */
    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '"') {
                i++;
                while (i < line.length() && line.charAt(i) != '"') i += line.charAt(i) == '\\' ? 2 : 1;
                i++;
            } else {
                while (i < line.length() && !Character.isWhitespace(line.charAt(i))) i++;
            }
            out.add(line.substring(start, Math.min(i, line.length())));
        }
        return out;
    }

    private static String absolute(String name, String origin) {
        if (name.equals("@")) return origin;
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + "." + origin;
    }
}

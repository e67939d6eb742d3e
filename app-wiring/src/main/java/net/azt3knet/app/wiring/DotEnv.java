package net.azt3knet.app.wiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .env} format docker compose and dotenv libraries share: {@code KEY=value} lines, optional
 * {@code export}, {@code #} comments, single quotes literal, double quotes with {@code \n} {@code \"} escapes.
 */
final class DotEnv {

    private DotEnv() {
    }

    /** Parses the lines; problems (naming file and line) are added to {@code problems}. */
    static Map<String, String> parse(String source, List<String> lines, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("export ")) line = line.substring(7).strip();
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(source + " line " + (n + 1) + ": expected NAME=value");
                continue;
            }
            String name = line.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                problems.add(source + " line " + (n + 1) + ": '" + name + "' is not a variable name");
                continue;
            }
            String raw = line.substring(eq + 1).strip();
            String value;
            if (raw.startsWith("'") ) {
                int end = raw.indexOf('\'', 1);
                if (end < 0) {
                    problems.add(source + " line " + (n + 1) + ": unterminated ' quote for " + name);
                    continue;
                }
                value = raw.substring(1, end);
            } else if (raw.startsWith("\"")) {
                StringBuilder b = new StringBuilder();
                int i = 1;
                boolean closed = false;
                for (; i < raw.length(); i++) {
                    char c = raw.charAt(i);
                    if (c == '\\' && i + 1 < raw.length()) {
                        char e = raw.charAt(++i);
                        b.append(e == 'n' ? '\n' : e);
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        b.append(c);
                    }
                }
                if (!closed) {
                    problems.add(source + " line " + (n + 1) + ": unterminated \" quote for " + name);
                    continue;
                }
                value = b.toString();
            } else {
                int hash = raw.indexOf(" #");
                value = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            }
            out.put(name, value);
        }
        return out;
    }
}

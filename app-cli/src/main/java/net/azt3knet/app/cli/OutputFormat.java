package net.azt3knet.app.cli;

import java.util.List;
import java.util.Locale;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.enrichment.EnrichedAgent;
import net.azt3knet.domain.generation.PreparedPopulation;

/** Output formats of {@code populate}. Chunks are encoded on worker threads; header and footer once. */
enum OutputFormat {

    /** A human table that fits 80 columns; the mail domain is named once, above the header. */
    TABLE {
        @Override
        void header(ByteBuilder out, String domain, boolean enriched) {
            out.utf8("Domain: " + domain).append('\n'); // within 80 columns for domains up to 71 characters
            row(out, "#", "NAME", "AGE", "G", "CC", "CITY", "USERNAME");
            out.utf8("-".repeat(WIDTH)).append('\n');
        }

        @Override
        void encode(AgentProfile a, ByteBuilder out) {
            row(out, Long.toString(a.index()), a.name(), Integer.toString(a.age()), GENDER_SHORT[a.gender().ordinal()],
                    a.country(), a.city(), a.username());
        }

        private void row(ByteBuilder out, String index, String name, String age, String gender, String country,
                         String city, String username) {
            cell(out, index, 6, true);
            cell(out, name, 22, false);
            cell(out, age, 3, true);
            cell(out, gender, 2, false);
            cell(out, country, 2, false);
            cell(out, city, 16, false);
            out.utf8(fit(username, WIDTH - FIXED_COLUMNS)).append('\n');
        }

        private String fit(String text, int width) {
            return text.codePointCount(0, text.length()) > width
                    ? text.substring(0, text.offsetByCodePoints(0, width - 1)) + "…" : text;
        }

        private void cell(ByteBuilder out, String text, int width, boolean right) {
            String shown = fit(text, width);
            String pad = " ".repeat(width - shown.codePointCount(0, shown.length()));
            if (right) out.ascii(pad).utf8(shown);
            else out.utf8(shown).ascii(pad);
            out.append(' ');
        }
    },

    /** One JSON array of agent objects. */
    JSON {
        @Override
        void header(ByteBuilder out, String domain, boolean enriched) {
            out.append('[');
        }

        @Override
        void encode(AgentProfile a, ByteBuilder out) {
            out.ascii(a.index() == 0 ? "\n" : ",\n");
            CanonicalJson.append(a, out);
        }

        @Override
        void footer(ByteBuilder out) {
            out.ascii("\n]\n");
        }
    },

    /** One canonical JSON object per line: the form golden hashes are taken over. */
    NDJSON {
        @Override
        void encode(AgentProfile a, ByteBuilder out) {
            CanonicalJson.appendLine(a, out);
        }
    },

    /** RFC 4180 CSV with a header row; list fields joined with {@code |}. */
    CSV {
        @Override
        void header(ByteBuilder out, String domain, boolean enriched) {
            out.ascii(String.join(",", CSV_COLUMNS)).ascii(enriched ? ",enriched\r\n" : "\r\n");
        }

        @Override
        void encode(AgentProfile a, ByteBuilder out) {
            out.ascii(a.id().toString()).append(',').number(a.index()).append(',');
            for (String s : List.of(a.seed(), a.name(), a.givenName(), a.familyName(), a.displayName(),
                    a.usernameHint(), a.username(), a.email(), a.gender().code())) {
                field(out, s).append(',');
            }
            out.number(a.age()).append(',');
            CanonicalJson.date(a.birthDate(), out);
            out.append(',');
            for (String s : List.of(a.country(), a.city(), a.locale(), a.timezone(), String.join("|", a.languages()),
                    a.occupation(), String.join("|", a.interests()), a.bio(), a.postingCadence(), a.tone(),
                    a.writingStyle(), String.join("|", a.behavioralBiases()))) {
                field(out, s).append(',');
            }
            out.ascii("true\r\n");
        }

        private ByteBuilder field(ByteBuilder out, String s) {
            boolean quote = false;
            for (int i = 0; i < s.length() && !quote; i++) {
                char c = s.charAt(i);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (!quote) return out.utf8(s);
            return out.append('"').utf8(s.replace("\"", "\"\"")).append('"');
        }
    };

    static final List<String> CSV_COLUMNS = List.of("id", "index", "seed", "name", "given_name", "family_name",
            "display_name", "username_hint", "username", "email", "gender", "age", "birth_date", "country", "city",
            "locale", "timezone", "languages", "occupation", "interests", "bio", "posting_cadence", "tone",
            "writing_style", "behavioral_biases", "synthetic");
    private static final String[] GENDER_SHORT = {"f", "m", "nb", "u"};
    /** Table lines stay within 80 columns (79 characters and the newline). */
    private static final int WIDTH = 79;
    /** Columns before the username: index 6, name 22, age 3, gender 2, country 2, city 16, a space after each. */
    private static final int FIXED_COLUMNS = 6 + 22 + 3 + 2 + 2 + 16 + 6;

    /** What comes before the agents; {@code enriched} adds the enrichment marks' column where there are columns. */
    void header(ByteBuilder out, String domain, boolean enriched) {
    }

    /** The canonical layout this format is made of, or null when it needs the agents' fields. */
    PreparedPopulation.CanonicalLayout canonicalLayout() {
        return switch (this) {
            case JSON -> PreparedPopulation.CanonicalLayout.JSON_ARRAY_ELEMENTS;
            case NDJSON -> PreparedPopulation.CanonicalLayout.NDJSON;
            default -> null;
        };
    }

    abstract void encode(AgentProfile agent, ByteBuilder out);

    void footer(ByteBuilder out) {
    }

    /** Encodes a chunk of agents (on a worker thread). */
    ByteBuilder encode(List<AgentProfile> agents) {
        ByteBuilder out = new ByteBuilder(agents.size() * (this == TABLE ? 96 : 832));
        for (AgentProfile a : agents) encode(a, out);
        return out;
    }

    /**
     * Encodes a chunk of enriched agents: JSON and NDJSON carry {@code "enriched":{…}} after the profile's fields, CSV
     * an {@code enriched} column ({@code bio:true|tone:false}); the table shows the agents as usual.
     */
    ByteBuilder encodeEnriched(List<EnrichedAgent> agents) {
        ByteBuilder out = new ByteBuilder(agents.size() * (this == TABLE ? 96 : 1024));
        for (EnrichedAgent e : agents) {
            switch (this) {
                case TABLE -> encode(e.profile(), out);
                case JSON -> {
                    out.ascii(e.profile().index() == 0 ? "\n" : ",\n");
                    e.appendJson(out);
                }
                case NDJSON -> {
                    e.appendJson(out);
                    out.append('\n');
                }
                case CSV -> {
                    encode(e.profile(), out);
                    out.setLength(out.length() - 2); // before \r\n
                    out.append(',').ascii(e.marks()).ascii("\r\n");
                }
            }
        }
        return out;
    }

    /** The format a file name suggests ({@code .csv}, {@code .json}, {@code .ndjson}/{@code .jsonl}), if any. */
    static OutputFormat forFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) return CSV;
        if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return NDJSON;
        if (lower.endsWith(".json")) return JSON;
        return null;
    }
}

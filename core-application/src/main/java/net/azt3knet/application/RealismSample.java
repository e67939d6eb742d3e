package net.azt3knet.application;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.population.Gender;

/** The fields of one agent a realism report reads: from a generated profile or from its stored canonical JSON. */
record RealismSample(Gender gender, int age, String country, String city, String givenName, String familyName,
                     String username, String usernameHint, String occupation, String locale, List<String> languages) {

    static RealismSample of(AgentProfile a) {
        return new RealismSample(a.gender(), a.age(), a.country(), a.city(), a.givenName(), a.familyName(), a.username(),
                a.usernameHint(), a.occupation(), a.locale(), a.languages());
    }

    /** From a stored profile: canonical JSON has one line per agent, fixed keys, no nested objects before these fields. */
    static RealismSample ofJson(byte[] json) {
        String gender = field(json, "gender");
        return new RealismSample(Gender.fromCode(gender).orElseThrow(() -> unreadable("gender '" + gender + "'")),
                number(json, "age"), field(json, "country"), field(json, "city"), field(json, "given_name"),
                field(json, "family_name"), field(json, "username"), field(json, "username_hint"), field(json, "occupation"),
                field(json, "locale"), strings(json, "languages"));
    }

    static String field(byte[] json, String name) {
        String value = CanonicalJson.stringField(json, name);
        if (value == null) throw unreadable("no \"" + name + "\"");
        return value;
    }

    static int number(byte[] json, String name) {
        int at = after(json, "\"" + name + "\":");
        int value = 0;
        int digits = 0;
        for (int i = at; i < json.length && json[i] >= '0' && json[i] <= '9'; i++, digits++) value = value * 10 + json[i] - '0';
        if (digits == 0) throw unreadable("\"" + name + "\" is not a number");
        return value;
    }

    /** A JSON array of plain strings (language tags: no escapes in them). */
    static List<String> strings(byte[] json, String name) {
        int i = after(json, "\"" + name + "\":[");
        List<String> values = new ArrayList<>(3);
        while (i < json.length && json[i] == '"') {
            int end = i + 1;
            while (end < json.length && json[end] != '"') end++;
            values.add(new String(json, i + 1, end - i - 1, StandardCharsets.UTF_8));
            i = end + 1;
            if (i < json.length && json[i] == ',') i++;
        }
        return values;
    }

    private static int after(byte[] json, String key) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + k.length <= json.length; i++) {
            for (int j = 0; j < k.length; j++) if (json[i + j] != k[j]) continue outer;
            return i + k.length;
        }
        throw unreadable("no " + key);
    }

    private static IllegalStateException unreadable(String what) {
        return new IllegalStateException("a stored agent profile is unreadable for the report: " + what);
    }
}

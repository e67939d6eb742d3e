package net.azt3knet.domain.generation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.population.Gender;

/**
 * Canonical JSON straight from drafts, copying pre-encoded text instead of escaping strings agent by agent: the
 * bulk path of {@code populate --format ndjson|json}. It must write exactly what {@link CanonicalJson} writes for
 * the same agent; {@code DraftJsonTest} checks that over specs with every kind of text.
 *
 * <p>Room for a whole agent is reserved once, then bytes are written through a local cursor: with dozens of
 * short copies per agent, per-call bounds bookkeeping was most of the cost.
 */
final class DraftJson {

    /**
     * Upper bound of one agent's canonical JSON. Every value is bounded: names and cities from the reference data
     * (under 200 characters), interests (60 characters, at most 6 bytes each once escaped), the domain (253),
     * usernames (64), numbers and fixed text; their sum stays far below this.
     */
    private static final int MAX_AGENT_BYTES = 16 * 1024;

    private static final byte[] OPEN_ID = ascii("{\"id\":\"");
    private static final byte[] INDEX = ascii("\",\"index\":");
    private static final byte[] SEED = ascii(",\"seed\":\"");
    private static final byte[] NAME = ascii("\",\"name\":\"");
    private static final byte[] GIVEN_NAME = ascii("\",\"given_name\":\"");
    private static final byte[] FAMILY_NAME = ascii("\",\"family_name\":\"");
    private static final byte[] DISPLAY_NAME = ascii("\",\"display_name\":\"");
    private static final byte[] USERNAME_HINT = ascii("\",\"username_hint\":\"");
    private static final byte[] USERNAME = ascii("\",\"username\":\"");
    private static final byte[] EMAIL = ascii("\",\"email\":\"");
    private static final byte[] GENDER = ascii("\",\"gender\":\"");
    private static final byte[] AGE = ascii("\",\"age\":");
    private static final byte[] BIRTH_DATE = ascii(",\"birth_date\":\"");
    private static final byte[] COUNTRY = ascii("\",\"country\":\"");
    private static final byte[] CITY = ascii("\",\"city\":\"");
    private static final byte[] LOCALE = ascii("\",\"locale\":\"");
    private static final byte[] TIMEZONE = ascii("\",\"timezone\":\"");
    private static final byte[] LANGUAGES = ascii("\",\"languages\":[\"");
    private static final byte[] NEXT_ITEM = ascii("\",\"");
    private static final byte[] OCCUPATION = ascii("\"],\"occupation\":\"");
    private static final byte[] INTERESTS = ascii("\",\"interests\":[\"");
    private static final byte[] BIO = ascii("\"],\"bio\":\"");
    private static final byte[] COMMA = ascii(", ");
    private static final byte[] AND = ascii(" and ");
    private static final byte[] POSTING_CADENCE = ascii("\",\"posting_cadence\":\"");
    private static final byte[] TONE = ascii("\",\"tone\":\"");
    private static final byte[] WRITING_STYLE = ascii("\",\"writing_style\":\"");
    private static final byte[] BEHAVIORAL_BIASES = ascii("\",\"behavioral_biases\":[\"");
    private static final byte[] SYNTHETIC_END = ascii("\"],\"synthetic\":true}");
    private static final byte[][] GENDER_CODES = Arrays.stream(Gender.values()).map(g -> ascii(g.code())).toArray(byte[][]::new);

    private final byte[][] interests;
    private final byte[] domain;

    DraftJson(AgentFactory factory) {
        this.interests = factory.interestJson();
        this.domain = factory.domainJson();
    }

    void append(AgentDraft a, ByteBuilder out) {
        byte[] b = out.reserve(MAX_AGENT_BYTES);
        out.setLength(persona(a, b, person(a, b, out.length())));
    }

    // Two halves, each a method too large for the JIT to inline into its caller: it compiles them one at a time,
    // in less compiler time than the whole (a populate of a million agents lasts about a second, and the optimising
    // compiler shares the two cores with the workers meanwhile).

    /** id, index, seed, names, username, email, gender, age, birth date, where the agent lives, its languages. */
    private int person(AgentDraft a, byte[] b, int p) {
        CountryData data = a.country.data;
        byte[] givenPool = a.givenNames.pool;
        int given = a.givenNames.bounds[2 * a.given];
        int givenLength = a.givenNames.bounds[2 * a.given + 1] - given;
        byte[] familyPool = a.familyNames.pool;
        int family = a.familyNames.bounds[2 * a.family];
        int familyLength = a.familyNames.bounds[2 * a.family + 1] - family;
        p = put(b, p, OPEN_ID);
        p = uuid(b, p, a.idMsb, a.idLsb);
        p = put(b, p, INDEX);
        p = decimal(b, p, a.index);
        p = put(b, p, SEED);
        p = hex(b, p, a.key, 16);
        p = put(b, p, NAME);
        p = put(b, p, givenPool, given, givenLength);
        b[p++] = ' ';
        p = put(b, p, familyPool, family, familyLength);
        p = put(b, p, GIVEN_NAME);
        p = put(b, p, givenPool, given, givenLength);
        p = put(b, p, FAMILY_NAME);
        p = put(b, p, familyPool, family, familyLength);
        p = put(b, p, DISPLAY_NAME);
        if (data.familyNameFirst) {
            p = put(b, p, familyPool, family, familyLength);
            b[p++] = ' ';
            p = put(b, p, givenPool, given, givenLength);
        } else {
            p = put(b, p, givenPool, given, givenLength);
            b[p++] = ' ';
            p = put(b, p, familyPool, family, familyLength);
        }
        p = put(b, p, USERNAME_HINT);
        p = put(b, p, a.hint, a.hintLength);
        p = put(b, p, USERNAME);
        p = username(b, p, a);
        p = put(b, p, EMAIL);
        p = username(b, p, a);
        b[p++] = '@';
        p = put(b, p, domain);
        p = put(b, p, GENDER);
        p = put(b, p, GENDER_CODES[a.gender.ordinal()]);
        p = put(b, p, AGE);
        p = decimal(b, p, a.age);
        p = put(b, p, BIRTH_DATE);
        p = a.country.birthDays.writeIso(b, p, a.birthDay);
        p = put(b, p, COUNTRY);
        p = put(b, p, data.codeJson);
        p = put(b, p, CITY);
        p = put(b, p, data.cities.namesJson[a.city]);
        p = put(b, p, LOCALE);
        p = put(b, p, data.localeTagsJson[a.primaryLanguage]);
        p = put(b, p, TIMEZONE);
        p = put(b, p, data.cities.timezonesJson[a.city]);
        p = put(b, p, LANGUAGES);
        p = put(b, p, data.languagesJson[a.primaryLanguage]);
        if (a.secondLanguage >= 0) {
            p = put(b, p, NEXT_ITEM);
            p = put(b, p, data.languagesJson[a.secondLanguage]);
        }
        if (a.thirdLanguage >= 0) {
            p = put(b, p, NEXT_ITEM);
            p = put(b, p, data.languagesJson[a.thirdLanguage]);
        }
        return p;
    }

    /** Occupation, interests, bio and the persona's style. */
    private int persona(AgentDraft a, byte[] b, int p) {
        byte[] city = a.country.data.cities.namesJson[a.city];
        p = put(b, p, OCCUPATION);
        p = put(b, p, Catalogs.OCCUPATION_JSON[a.occupation]);
        p = put(b, p, INTERESTS);
        p = put(b, p, interests[a.interests[0]]);
        for (int i = 1; i < a.interestCount; i++) {
            p = put(b, p, NEXT_ITEM);
            p = put(b, p, interests[a.interests[i]]);
        }
        byte[][] bio = Catalogs.BIO_JSON[a.bioTemplate];
        p = put(b, p, BIO);
        p = put(b, p, Catalogs.OCCUPATION_CAPITALISED_JSON[a.occupation]);
        p = put(b, p, bio[0]);
        p = put(b, p, city);
        p = put(b, p, bio[1]);
        p = put(b, p, interests[a.interests[0]]);
        if (a.interestCount == 3) {
            p = put(b, p, COMMA);
            p = put(b, p, interests[a.interests[1]]);
            p = put(b, p, AND);
            p = put(b, p, interests[a.interests[2]]);
        } else if (a.interestCount == 2) {
            p = put(b, p, AND);
            p = put(b, p, interests[a.interests[1]]);
        }
        p = put(b, p, bio[2]);
        p = put(b, p, POSTING_CADENCE);
        p = put(b, p, Catalogs.CADENCE_JSON[a.cadence]);
        p = put(b, p, TONE);
        p = put(b, p, Catalogs.TONE_JSON[a.tone]);
        p = put(b, p, WRITING_STYLE);
        p = put(b, p, Catalogs.STYLE_JSON[a.writingStyle]);
        p = put(b, p, BEHAVIORAL_BIASES);
        p = put(b, p, Catalogs.BIAS_JSON[a.bias1]);
        p = put(b, p, NEXT_ITEM);
        p = put(b, p, Catalogs.BIAS_JSON[a.bias2]);
        return put(b, p, SYNTHETIC_END);
    }

    private static int put(byte[] b, int p, byte[] src) {
        System.arraycopy(src, 0, b, p, src.length);
        return p + src.length;
    }

    private static int put(byte[] b, int p, byte[] src, int n) {
        System.arraycopy(src, 0, b, p, n);
        return p + n;
    }

    private static int put(byte[] b, int p, byte[] src, int from, int n) {
        System.arraycopy(src, from, b, p, n);
        return p + n;
    }

    private static int username(byte[] b, int p, AgentDraft a) {
        p = put(b, p, a.hint, a.hintLength);
        return a.occurrence > 1 ? decimal(b, p, a.occurrence) : p;
    }

    /** 8-4-4-4-12 lower-case hex, as {@link java.util.UUID#toString()} writes it. */
    private static int uuid(byte[] b, int p, long msb, long lsb) {
        p = hex(b, p, msb >>> 32, 8);
        b[p++] = '-';
        p = hex(b, p, msb >>> 16, 4);
        b[p++] = '-';
        p = hex(b, p, msb, 4);
        b[p++] = '-';
        p = hex(b, p, lsb >>> 48, 4);
        b[p++] = '-';
        return hex(b, p, lsb, 12);
    }

    private static int hex(byte[] b, int p, long v, int digits) {
        return ByteBuilder.hex(b, p, v, digits);
    }

    private static int decimal(byte[] b, int p, long v) {
        return ByteBuilder.decimal(b, p, v);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

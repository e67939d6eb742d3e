package net.azt3knet.domain.generation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.population.Gender;
import net.azt3knet.domain.population.PopulationSpec;

/**
 * Makes the agent at an index: every field drawn from its own keyed sequence ({@link Draws}), so each value is
 * a pure function of (epoch, seed, index, field, spec). Only the final username depends on earlier agents, and
 * {@link UsernameRegistry} resolves that in index order.
 */
final class AgentFactory {

    private static final long F_GENDER = Keys.field("gender");
    private static final long F_COUNTRY = Keys.field("country");
    private static final long F_SEX = Keys.field("name_sex");
    private static final long F_AGE = Keys.field("age");
    private static final long F_BIRTH_DATE = Keys.field("birth_date");
    private static final long F_GIVEN_NAME = Keys.field("given_name");
    private static final long F_FAMILY_NAME = Keys.field("family_name");
    private static final long F_CITY = Keys.field("city");
    private static final long F_LANGUAGES = Keys.field("languages");
    private static final long F_OCCUPATION = Keys.field("occupation");
    private static final long F_INTERESTS = Keys.field("interests");
    private static final long F_BIO = Keys.field("bio");
    private static final long F_CADENCE = Keys.field("posting_cadence");
    private static final long F_TONE = Keys.field("tone");
    private static final long F_WRITING_STYLE = Keys.field("writing_style");
    private static final long F_BIASES = Keys.field("behavioral_biases");
    private static final long F_USERNAME = Keys.field("username");

    /** Namespace of agent ids (UUID v5), fixed for all epochs. */
    private static final UUID AGENT_NAMESPACE = UUID.fromString("5c1e0a7d-3b2f-5e48-9a61-0d4c2b7f8e13");
    private static final byte[] NAMESPACE_BYTES = uuidBytes(AGENT_NAMESPACE);
    /** Bio templates as (after occupation, after city, after interests); each starts with the occupation. */
    private static final String[][] BIO_TEMPLATES = {
        {" in ", ". Into ", "."}, {" based in ", ", always up for ", "."}, {" from ", " who loves ", "."},
        {". Lives in ", ". Talks about ", "."}};

    private final PopulationSpec spec;
    private final long populationKey;
    private final Gender[] genders;
    private final AliasTable genderTable;
    private final CountryTables[] countries;
    private final AliasTable countryTable;
    private final List<String> interestPool;
    private final boolean specInterests;
    private final int usernameRoom;
    private final byte[] idPrefix;

    AgentFactory(PopulationSpec spec, CountryTables[] countries, AliasTable countryTable) {
        this.spec = spec;
        this.populationKey = Keys.population(spec.epoch(), spec.seed());
        this.genders = spec.gender().values().toArray(Gender[]::new);
        this.genderTable = AliasTable.of(spec.gender().entries().stream().mapToDouble(e -> e.weight()).toArray());
        this.countries = countries;
        this.countryTable = countryTable;
        this.specInterests = !spec.interests().isEmpty();
        this.interestPool = specInterests ? spec.interests() : Catalogs.INTERESTS;
        this.usernameRoom = spec.usernameRoom();
        this.idPrefix = (spec.epoch() + ":" + spec.seed() + ":").getBytes(StandardCharsets.UTF_8);
    }

    /** Per-thread scratch state: never shared between workers. */
    static final class Worker {
        final Draws draws = new Draws();
        final MessageDigest sha1;

        Worker() {
            try {
                sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-1", e);
            }
        }
    }

    /** Everything about agent {@code index} except the final username and email. */
    AgentDraft draft(long index, Worker w) {
        Draws d = w.draws;
        long key = Keys.agent(populationKey, index);
        Gender gender = genders[d.of(key, F_GENDER).from(genderTable)];
        CountryTables ct = countries[d.of(key, F_COUNTRY).from(countryTable)];
        CountryData data = ct.data;
        int nameSex = gender == Gender.FEMALE ? CountryData.FEMALE
                : gender == Gender.MALE ? CountryData.MALE : d.of(key, F_SEX).below(2);
        int ageTable = gender == Gender.FEMALE ? CountryData.FEMALE
                : gender == Gender.MALE ? CountryData.MALE : CountryTables.BOTH;
        int ageOffset = d.of(key, F_AGE).from(ct.ages[ageTable]);
        int age = spec.ageRange().min() + ageOffset;
        LocalDate birthDate = LocalDate.ofEpochDay(ct.firstBirthDay[ageOffset] + d.of(key, F_BIRTH_DATE).below(ct.birthDays[ageOffset]));

        CountryData.Names givenNames = ct.given(nameSex, birthDate.getYear());
        int gi = d.of(key, F_GIVEN_NAME).from(givenNames.table);
        CountryData.Names familyNames = data.surnames[nameSex];
        int fi = d.of(key, F_FAMILY_NAME).from(familyNames.table);
        String given = givenNames.display[gi];
        String family = familyNames.display[fi];
        String name = given + " " + family;
        String displayName = data.familyNameFirst ? family + " " + given : name;

        int city = ct.cityIndex[d.of(key, F_CITY).from(ct.cities)];
        String cityName = data.cities.names[city];

        d.of(key, F_LANGUAGES);
        int primary = d.from(ct.languages);
        List<String> languages = languages(data, primary, d);

        String occupation = occupation(age, d.of(key, F_OCCUPATION));
        List<String> interests = interests(d.of(key, F_INTERESTS));
        String bio = bio(occupation, cityName, interests, d.of(key, F_BIO));

        String hint = usernameBase(d.of(key, F_USERNAME).from(Catalogs.USERNAME_PATTERNS),
                givenNames.ascii[gi], familyNames.ascii[fi]);

        AgentDraft a = new AgentDraft();
        a.id = uuid(index, w.sha1);
        a.index = index;
        a.seed = hex(key);
        a.name = name;
        a.givenName = given;
        a.familyName = family;
        a.displayName = displayName;
        a.usernameHint = hint;
        a.usernameHash = Keys.text(hint);
        a.gender = gender;
        a.age = age;
        a.birthDate = birthDate;
        a.country = data.code;
        a.city = cityName;
        a.locale = data.localeTags[primary];
        a.timezone = data.cities.timezones[city];
        a.languages = languages;
        a.occupation = occupation;
        a.interests = interests;
        a.bio = bio;
        a.postingCadence = Catalogs.CADENCES.get(d.of(key, F_CADENCE).from(Catalogs.CADENCE_TABLE));
        a.tone = Catalogs.TONES.get(d.of(key, F_TONE).below(Catalogs.TONES.size()));
        a.writingStyle = Catalogs.WRITING_STYLES.get(d.of(key, F_WRITING_STYLE).below(Catalogs.WRITING_STYLES.size()));
        int[] biases = distinct(d.of(key, F_BIASES), Catalogs.BIASES.size(), 2);
        a.behavioralBiases = List.of(Catalogs.BIASES.get(biases[0]), Catalogs.BIASES.get(biases[1]));
        return a;
    }

    /** The agent with its final, unique username. */
    AgentProfile complete(AgentDraft a, String username) {
        return new AgentProfile(a.id, a.index, a.seed, a.name, a.givenName, a.familyName, a.displayName,
                a.usernameHint, username, username + "@" + spec.domain(), a.gender, a.age, a.birthDate, a.country,
                a.city, a.locale, a.timezone, a.languages, a.occupation, a.interests, a.bio, a.postingCadence, a.tone,
                a.writingStyle, a.behavioralBiases, true);
    }

    /** First language drawn by speaker share; up to two more, each with the chance of its share. */
    private static List<String> languages(CountryData data, int primary, Draws d) {
        String first = data.languages[primary];
        String second = null;
        String third = null;
        for (int i = 0; i < data.languages.length; i++) {
            if (i == primary) continue;
            if (d.chance(data.languagePercents[i] / 100.0)) {
                if (second == null) second = data.languages[i];
                else if (third == null) third = data.languages[i];
            }
        }
        return second == null ? List.of(first) : third == null ? List.of(first, second) : List.of(first, second, third);
    }

    private static String occupation(int age, Draws d) {
        if (age < 18) return "high school student";
        if (age <= 24 && d.chance(0.45)) return "university student";
        double retired = age >= 67 ? 0.8 : age >= 60 ? 0.25 : 0.0;
        boolean isRetired = d.chance(retired);
        String job = Catalogs.OCCUPATIONS.get(d.below(Catalogs.OCCUPATIONS.size()));
        return isRetired ? "retired " + job : job;
    }

    /** From the spec's interests: one to three of them; otherwise three from the catalogue. */
    private List<String> interests(Draws d) {
        int n = interestPool.size();
        int k = specInterests ? 1 + d.below(Math.min(3, n)) : 3;
        int[] picked = distinct(d, n, k);
        return switch (k) {
            case 1 -> List.of(interestPool.get(picked[0]));
            case 2 -> List.of(interestPool.get(picked[0]), interestPool.get(picked[1]));
            default -> List.of(interestPool.get(picked[0]), interestPool.get(picked[1]), interestPool.get(picked[2]));
        };
    }

    private static String bio(String occupation, String city, List<String> interests, Draws d) {
        String[] t = BIO_TEMPLATES[d.below(BIO_TEMPLATES.length)];
        StringBuilder b = new StringBuilder(96);
        b.append(Character.toUpperCase(occupation.charAt(0))).append(occupation, 1, occupation.length())
         .append(t[0]).append(city).append(t[1]).append(interests.get(0));
        if (interests.size() == 3) b.append(", ").append(interests.get(1)).append(" and ").append(interests.get(2));
        else if (interests.size() == 2) b.append(" and ").append(interests.get(1));
        return b.append(t[2]).toString();
    }

    /** {@code k} distinct indexes below {@code n} (Floyd's algorithm), in the order drawn. */
    static int[] distinct(Draws d, int n, int k) {
        int[] chosen = new int[k];
        int count = 0;
        for (int j = n - k; j < n; j++) {
            int t = d.below(j + 1);
            boolean seen = false;
            for (int i = 0; i < count; i++) seen |= chosen[i] == t;
            chosen[count++] = seen ? j : t;
        }
        return chosen;
    }

    /** A readable, RFC 5321-valid dot-atom from ASCII name parts; never ends in a digit (see UsernameRegistry). */
    private String usernameBase(int pattern, String given, String family) {
        String base = switch (pattern) {
            case 0 -> given + "." + family;
            case 1 -> given + family;
            case 2 -> given + "_" + family;
            case 3 -> given.charAt(0) + "." + family;
            case 4 -> family + "." + given;
            case 5 -> given + "." + family.charAt(0);
            default -> given + "-" + family;
        };
        if (base.length() <= usernameRoom) return base;
        int end = usernameRoom;
        while (end > 1 && !Character.isLetter(base.charAt(end - 1))) end--;
        return base.substring(0, end);
    }

    private UUID uuid(long index, MessageDigest sha1) {
        sha1.update(NAMESPACE_BYTES);
        sha1.update(idPrefix);
        sha1.update(Long.toString(index).getBytes(StandardCharsets.US_ASCII));
        byte[] h = sha1.digest();
        h[6] = (byte) ((h[6] & 0x0F) | 0x50); // version 5
        h[8] = (byte) ((h[8] & 0x3F) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) msb = (msb << 8) | (h[i] & 0xFF);
        for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (h[i] & 0xFF);
        return new UUID(msb, lsb);
    }

    private static byte[] uuidBytes(UUID u) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
            b[8 + i] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return b;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String hex(long v) {
        char[] c = new char[16];
        for (int i = 15; i >= 0; i--) {
            c[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return new String(c);
    }
}

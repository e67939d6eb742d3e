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

    private final PopulationSpec spec;
    private final long populationKey;
    /** From epoch 2 on, agents' keys include their country (docs/determinism.md, "Independence"). */
    private final boolean countryKeys;
    private final Gender[] genders;
    private final AliasTable genderTable;
    private final CountryTables[] countries;
    private final AliasTable countryTable;
    private final List<String> interestPool;
    private final boolean specInterests;
    private final int usernameRoom;
    private final byte[] idPrefix;
    private final byte[][] interestJson;
    private final byte[] domainJson;

    AgentFactory(PopulationSpec spec, CountryTables[] countries, AliasTable countryTable) {
        this.spec = spec;
        this.populationKey = Keys.population(spec.epoch(), spec.seed());
        this.countryKeys = spec.epoch() >= 2;
        this.genders = spec.gender().values().toArray(Gender[]::new);
        this.genderTable = AliasTable.of(spec.gender().entries().stream().mapToDouble(e -> e.weight()).toArray());
        this.countries = countries;
        this.countryTable = countryTable;
        this.specInterests = !spec.interests().isEmpty();
        this.interestPool = specInterests ? spec.interests() : Catalogs.INTERESTS;
        this.usernameRoom = spec.usernameRoom();
        this.idPrefix = (spec.epoch() + ":" + spec.seed() + ":").getBytes(StandardCharsets.UTF_8);
        this.interestJson = Texts.json(interestPool);
        this.domainJson = Texts.json(spec.domain());
    }

    /** Per-thread scratch state: never shared between workers. */
    static final class Worker {
        final Draws draws = new Draws();
        final MessageDigest sha1;
        final byte[] idName;
        final byte[] digest = new byte[20];
        final int[] picked = new int[3];

        Worker(byte[] idPrefix) {
            try {
                sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-1", e);
            }
            idName = new byte[NAMESPACE_BYTES.length + idPrefix.length + 20];
            System.arraycopy(NAMESPACE_BYTES, 0, idName, 0, NAMESPACE_BYTES.length);
            System.arraycopy(idPrefix, 0, idName, NAMESPACE_BYTES.length, idPrefix.length);
        }
    }

    Worker worker() {
        return new Worker(idPrefix);
    }

    /** Everything about agent {@code index} except the occurrence number of its username base. */
    AgentDraft draft(long index, Worker w) {
        return draft(index, w, new AgentDraft());
    }

    /** As {@link #draft(long, Worker)}, refilling a draft that is no longer needed (no allocation per agent). */
    AgentDraft draft(long index, Worker w, AgentDraft a) {
        Draws d = w.draws;
        a.secondLanguage = -1;
        a.thirdLanguage = -1;
        java.util.Arrays.fill(a.hint, (byte) 0); // Keys.text reads whole words past the base's end
        long key = Keys.agent(populationKey, index);
        a.index = index;
        uuid(index, w, a);
        key = countryKeys ? countryThenGender(key, d, a) : genderThenCountry(key, d, a);
        a.key = key;
        Gender gender = a.gender;
        CountryTables ct = a.country;
        CountryData data = ct.data;
        int nameSex = gender == Gender.FEMALE ? CountryData.FEMALE
                : gender == Gender.MALE ? CountryData.MALE : d.of(key, F_SEX).below(2);
        int ageTable = gender == Gender.FEMALE ? CountryData.FEMALE
                : gender == Gender.MALE ? CountryData.MALE : CountryTables.BOTH;
        int ageOffset = d.of(key, F_AGE).from(ct.ages[ageTable]);
        a.age = spec.ageRange().min() + ageOffset;
        a.birthDay = ct.birthDays.first(ageOffset) + d.of(key, F_BIRTH_DATE).below(ct.birthDays.count(ageOffset));

        // Each field has its own draws, so their order changes nothing: languages come first because they can
        // choose the name community.
        a.city = ct.cityIndex[d.of(key, F_CITY).from(ct.cities)];
        languages(ct, d.of(key, F_LANGUAGES), a);

        CountryData.Names[] community = data.communityGiven == null ? null : data.communityGiven[a.primaryLanguage];
        a.givenNames = community != null ? community[nameSex] : ct.given(nameSex, ct.birthDays.year(a.birthDay));
        a.given = d.of(key, F_GIVEN_NAME).from(a.givenNames.table);
        a.familyNames = community != null ? data.communitySurnames[a.primaryLanguage][nameSex] : data.surnames[nameSex];
        a.family = d.of(key, F_FAMILY_NAME).from(a.familyNames.table);
        a.occupation = ct.work == null ? occupation(a.age, d.of(key, F_OCCUPATION))
                : occupationByStatus(d.of(key, F_OCCUPATION).from(ct.work[ageTable][ageOffset]), d);
        interests(d.of(key, F_INTERESTS), w.picked, a);
        a.bioTemplate = d.of(key, F_BIO).below(Catalogs.BIO_TEMPLATES.length);

        usernameBase(d.of(key, F_USERNAME).from(Catalogs.USERNAME_PATTERNS), a.givenNames, a.given, a.familyNames, a.family, a);

        a.cadence = d.of(key, F_CADENCE).from(Catalogs.CADENCE_TABLE);
        a.tone = d.of(key, F_TONE).below(Catalogs.TONES.size());
        a.writingStyle = d.of(key, F_WRITING_STYLE).below(Catalogs.WRITING_STYLES.size());
        distinct(d.of(key, F_BIASES), Catalogs.BIASES.size(), 2, w.picked);
        a.bias1 = w.picked[0];
        a.bias2 = w.picked[1];
        return a;
    }

    /** Epoch 1: gender, then country, both from the agent key; returns the key the other fields follow. */
    private long genderThenCountry(long key, Draws d, AgentDraft a) {
        a.gender = genders[d.of(key, F_GENDER).from(genderTable)];
        a.country = countries[d.of(key, F_COUNTRY).from(countryTable)];
        return key;
    }

    /**
     * Epoch 2 on: the country first; every other field, gender included, then follows a key of (agent, country),
     * so the populations of two countries under one seed are independent samples.
     */
    private long countryThenGender(long key, Draws d, AgentDraft a) {
        CountryTables ct = countries[d.of(key, F_COUNTRY).from(countryTable)];
        long countryKey = Keys.country(key, ct.key);
        a.country = ct;
        a.gender = genders[d.of(countryKey, F_GENDER).from(genderTable)];
        return countryKey;
    }

    /** Languages from the draws {@code d}: by the city's region where it has its own, else country-wide. */
    private static void languages(CountryTables ct, Draws d, AgentDraft a) {
        CountryData data = ct.data;
        int region = data.cityRegion == null ? -1 : data.cityRegion[a.city];
        if (region < 0) {
            a.primaryLanguage = d.from(ct.languages);
            languages(data, d, a);
        } else {
            int[] spoken = data.regionLanguages[region];
            a.primaryLanguage = spoken[d.from(ct.regionLanguages[region])];
            regionLanguages(data, spoken, data.regionShares[region], d, a);
        }
    }

    /** The agent as a profile, with its final, unique username. */
    AgentProfile complete(AgentDraft a) {
        CountryData data = a.country.data;
        String given = a.givenNames.display(a.given);
        String family = a.familyNames.display(a.family);
        String name = given + " " + family;
        String city = data.cities.name(a.city);
        String hint = new String(a.hint, 0, a.hintLength, StandardCharsets.US_ASCII);
        String username = a.occurrence == 1 ? hint : hint + a.occurrence;
        List<String> interests = switch (a.interestCount) {
            case 1 -> List.of(interestPool.get(a.interests[0]));
            case 2 -> List.of(interestPool.get(a.interests[0]), interestPool.get(a.interests[1]));
            default -> List.of(interestPool.get(a.interests[0]), interestPool.get(a.interests[1]),
                    interestPool.get(a.interests[2]));
        };
        List<String> languages = a.secondLanguage < 0 ? List.of(data.languages[a.primaryLanguage])
                : a.thirdLanguage < 0 ? List.of(data.languages[a.primaryLanguage], data.languages[a.secondLanguage])
                : List.of(data.languages[a.primaryLanguage], data.languages[a.secondLanguage], data.languages[a.thirdLanguage]);
        return new AgentProfile(new UUID(a.idMsb, a.idLsb), a.index, java.util.HexFormat.of().toHexDigits(a.key), name, given, family,
                data.familyNameFirst ? family + " " + given : name, hint, username, username + "@" + spec.domain(),
                a.gender, a.age, LocalDate.ofEpochDay(a.birthDay), data.code, city, data.localeTags[a.primaryLanguage],
                data.cities.timezone(a.city), languages, Catalogs.OCCUPATION_VALUES.get(a.occupation), interests,
                bio(a, city, interests), Catalogs.CADENCES.get(a.cadence), Catalogs.TONES.get(a.tone),
                Catalogs.WRITING_STYLES.get(a.writingStyle),
                List.of(Catalogs.BIASES.get(a.bias1), Catalogs.BIASES.get(a.bias2)), true);
    }

    /** The spec's interests (or the catalogue's) as canonical JSON string content. */
    byte[][] interestJson() {
        return interestJson;
    }

    byte[] domainJson() {
        return domainJson;
    }

    /** First language drawn by speaker share; up to two more, each with the chance of its share. */
    private static void languages(CountryData data, Draws d, AgentDraft a) {
        for (int i = 0; i < data.languages.length; i++) {
            if (i == a.primaryLanguage) continue;
            if (d.chance(data.languagePercents[i] / 100.0)) {
                if (a.secondLanguage < 0) a.secondLanguage = i;
                else if (a.thirdLanguage < 0) a.thirdLanguage = i;
            }
        }
    }

    /**
     * In a region with its own languages: each other language of the region with the chance of its regional
     * share, and English (where the country lists it) with its country-wide share; at most three in all.
     */
    private static void regionLanguages(CountryData data, int[] spoken, double[] shares, Draws d, AgentDraft a) {
        for (int k = 0; k < spoken.length; k++) {
            if (spoken[k] != a.primaryLanguage && d.chance(shares[k] / 100.0)) addLanguage(spoken[k], a);
        }
        for (int i = 0; i < data.languages.length; i++) {
            if (i != a.primaryLanguage && data.languages[i].equals("en") && d.chance(data.languagePercents[i] / 100.0)) {
                addLanguage(i, a);
            }
        }
    }

    private static void addLanguage(int language, AgentDraft a) {
        if (a.secondLanguage < 0) a.secondLanguage = language;
        else if (a.thirdLanguage < 0 && a.secondLanguage != language) a.thirdLanguage = language;
    }

    private static int occupation(int age, Draws d) {
        if (age < 18) return Catalogs.HIGH_SCHOOL;
        if (age <= 24 && d.chance(0.45)) return Catalogs.UNIVERSITY;
        double retired = age >= 67 ? 0.8 : age >= 60 ? 0.25 : 0.0;
        boolean isRetired = d.chance(retired);
        int job = d.below(Catalogs.OCCUPATIONS.size());
        return (isRetired ? Catalogs.FIRST_RETIRED : Catalogs.FIRST_JOB) + job;
    }

    /** Epoch 2 on: from the status drawn by age and sex (CountryData#work), a job where there is one. */
    private static int occupationByStatus(int status, Draws d) {
        return switch (status) {
            case 0 -> Catalogs.HIGH_SCHOOL;
            case 1 -> Catalogs.UNIVERSITY;
            case 2 -> Catalogs.FIRST_JOB + d.below(Catalogs.OCCUPATIONS.size());
            case 3 -> Catalogs.FIRST_RETIRED + d.below(Catalogs.OCCUPATIONS.size());
            default -> Catalogs.NOT_EMPLOYED;
        };
    }

    /** From the spec's interests: one to three of them; otherwise three from the catalogue. */
    private void interests(Draws d, int[] scratch, AgentDraft a) {
        int n = interestPool.size();
        int k = specInterests ? 1 + d.below(Math.min(3, n)) : 3;
        distinct(d, n, k, scratch);
        System.arraycopy(scratch, 0, a.interests, 0, k);
        a.interestCount = k;
    }

    private static String bio(AgentDraft a, String city, List<String> interests) {
        String[] t = Catalogs.BIO_TEMPLATES[a.bioTemplate];
        StringBuilder b = new StringBuilder(96);
        b.append(Catalogs.OCCUPATION_CAPITALISED.get(a.occupation)).append(t[0]).append(city).append(t[1])
         .append(interests.get(0));
        if (interests.size() == 3) b.append(", ").append(interests.get(1)).append(" and ").append(interests.get(2));
        else if (interests.size() == 2) b.append(" and ").append(interests.get(1));
        return b.append(t[2]).toString();
    }

    /** {@code k} distinct indexes below {@code n} (Floyd's algorithm), in the order drawn, into {@code chosen}. */
    static void distinct(Draws d, int n, int k, int[] chosen) {
        int count = 0;
        for (int j = n - k; j < n; j++) {
            int t = d.below(j + 1);
            boolean seen = false;
            for (int i = 0; i < count; i++) seen |= chosen[i] == t;
            chosen[count++] = seen ? j : t;
        }
    }

    /**
     * A readable, RFC 5321-valid dot-atom from ASCII name parts, cut to the room the domain leaves, never ending
     * in a digit or separator (see UsernameRegistry).
     */
    private void usernameBase(int pattern, CountryData.Names givenNames, int givenIndex, CountryData.Names familyNames,
                              int familyIndex, AgentDraft a) {
        byte[] h = a.hint;
        byte[] gp = givenNames.pool;
        int g = givenNames.bounds[2 * givenIndex + 1];
        int gl = givenNames.bounds[2 * givenIndex + 2] - g;
        byte[] fp = familyNames.pool;
        int f = familyNames.bounds[2 * familyIndex + 1];
        int fl = familyNames.bounds[2 * familyIndex + 2] - f;
        int n = switch (pattern) {
            case 0 -> join(h, gp, g, gl, '.', fp, f, fl);
            case 1 -> join(h, gp, g, gl, 0, fp, f, fl);
            case 2 -> join(h, gp, g, gl, '_', fp, f, fl);
            case 3 -> join(h, gp, g, 1, '.', fp, f, fl);
            case 4 -> join(h, fp, f, fl, '.', gp, g, gl);
            case 5 -> join(h, gp, g, gl, '.', fp, f, 1);
            default -> join(h, gp, g, gl, '-', fp, f, fl);
        };
        if (n > usernameRoom) {
            int full = n;
            n = usernameRoom;
            while (n > 1 && !(h[n - 1] >= 'a' && h[n - 1] <= 'z')) n--;
            java.util.Arrays.fill(h, n, full, (byte) 0); // Keys.text reads whole words past the base's end
        }
        a.hintLength = n;
        a.hintHash = Keys.text(h, n);
    }

    /** Writes first[firstFrom, +firstLength) separator second[secondFrom, +secondLength) into h, cut at h's length. */
    private static int join(byte[] h, byte[] first, int firstFrom, int firstLength, int separator,
                            byte[] second, int secondFrom, int secondLength) {
        int n = 0;
        int take = Math.min(firstLength, h.length - n);
        System.arraycopy(first, firstFrom, h, n, take);
        n += take;
        if (separator != 0 && n < h.length) h[n++] = (byte) separator;
        take = Math.min(secondLength, h.length - n);
        System.arraycopy(second, secondFrom, h, n, take);
        return n + take;
    }

    private void uuid(long index, Worker w, AgentDraft a) {
        byte[] name = w.idName;
        int length = NAMESPACE_BYTES.length + idPrefix.length;
        length = net.azt3knet.domain.agent.ByteBuilder.decimal(name, length, index);
        w.sha1.update(name, 0, length);
        byte[] h = w.digest;
        try {
            w.sha1.digest(h, 0, 20);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-1 digests are 20 bytes", e);
        }
        h[6] = (byte) ((h[6] & 0x0F) | 0x50); // version 5
        h[8] = (byte) ((h[8] & 0x3F) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) msb = (msb << 8) | (h[i] & 0xFF);
        for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (h[i] & 0xFF);
        a.idMsb = msb;
        a.idLsb = lsb;
    }

    private static byte[] uuidBytes(UUID u) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
            b[8 + i] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return b;
    }
}

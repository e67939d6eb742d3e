package net.azt3knet.domain.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What population to generate. Immutable; the same spec (seed included) always yields the same agents within
 * its {@link GeneratorEpoch}. Optional fields left {@code null} take the documented defaults; construction checks
 * every field and reports all problems at once through {@link InvalidSpecException}.
 *
 * @param count         number of agents, 1 … {@value #MAX_COUNT}
 * @param seed          any non-blank text up to {@value #MAX_SEED_LENGTH} characters; the domain never invents one
 * @param gender        weighted gender mix; default {@link #DEFAULT_GENDER}
 * @param country       weighted mix of supported ISO 3166-1 alpha-2 codes; default {@code US}
 * @param city          optional city every agent lives in (must exist in the chosen countries)
 * @param ageRange      inclusive age range; default 18-80
 * @param interests     interests every agent draws from (1 to 3 each); empty means the built-in catalogue
 * @param domain        mail domain of the generated addresses; default {@value #DEFAULT_DOMAIN} (reserved, never delivered)
 * @param referenceDate birth dates are computed from it; default the epoch's constant, never the clock
 * @param epoch         generator epoch; default {@link GeneratorEpoch#CURRENT}
 */
public record PopulationSpec(int count, String seed, WeightedMix<Gender> gender, WeightedMix<String> country,
                             String city, AgeRange ageRange, List<String> interests, String domain,
                             LocalDate referenceDate, int epoch) {

    /** Largest population one spec describes. */
    public static final int MAX_COUNT = 100_000_000;
    /** Longest seed accepted. */
    public static final int MAX_SEED_LENGTH = 200;
    /** Mail domain used when none is configured: under the reserved {@code .example} TLD (RFC 2606). */
    public static final String DEFAULT_DOMAIN = "azt3knet.example";
    /** Gender mix used when none is given. */
    public static final WeightedMix<Gender> DEFAULT_GENDER = new WeightedMix<>(List.of(
            new WeightedMix.Entry<>(Gender.FEMALE, 0.49), new WeightedMix.Entry<>(Gender.MALE, 0.49),
            new WeightedMix.Entry<>(Gender.NON_BINARY, 0.02)));
    /** Country used when none is given. */
    public static final String DEFAULT_COUNTRY = "US";
    /** Age range used when none is given. */
    public static final AgeRange DEFAULT_AGE_RANGE = new AgeRange(18, 80);

    public PopulationSpec {
        gender = gender != null ? gender : DEFAULT_GENDER;
        country = country != null ? country : WeightedMix.of(DEFAULT_COUNTRY);
        ageRange = ageRange != null ? ageRange : DEFAULT_AGE_RANGE;
        interests = interests != null ? List.copyOf(interests) : List.of();
        domain = domain != null ? domain : DEFAULT_DOMAIN;
        epoch = epoch != 0 ? epoch : GeneratorEpoch.CURRENT.number();
        referenceDate = referenceDate != null ? referenceDate
                : GeneratorEpoch.of(epoch).map(GeneratorEpoch::defaultReferenceDate).orElse(null);
        List<SpecViolation> problems = new ArrayList<>();
        SpecChecks.count(count, problems);
        SpecChecks.seed(seed, problems);
        SpecChecks.country(country, GeneratorEpoch.of(epoch).isPresent() ? epoch : GeneratorEpoch.CURRENT.number(), problems);
        SpecChecks.city(city, problems);
        SpecChecks.interests(interests, problems);
        SpecChecks.domain(domain, problems);
        SpecChecks.epoch(epoch, problems);
        SpecChecks.referenceDate(referenceDate, problems);
        if (!problems.isEmpty()) throw new InvalidSpecException(problems);
    }

    /** A spec of {@code count} agents from {@code seed}, every other field at its default. */
    public static PopulationSpec of(int count, String seed) {
        return new PopulationSpec(count, seed, null, null, null, null, null, null, null, 0);
    }

    /** Parses text input (flags, a JSON file, an HTTP body), reporting every problem at once. */
    public static PopulationSpec parse(SpecInput input) {
        return SpecParser.parse(Objects.requireNonNull(input, "input"));
    }

    /** Characters of a username's name-derived part: the local part left once room for the uniqueness suffix is kept. */
    public int usernameRoom() {
        return SpecChecks.localPartRoom(domain);
    }

    /** This spec with another count; everything else, seed included, unchanged. */
    public PopulationSpec withCount(int newCount) {
        return new PopulationSpec(newCount, seed, gender, country, city, ageRange, interests, domain, referenceDate, epoch);
    }

    /** This spec written back as text input: the canonical form stored with a population and accepted by {@code --spec}. */
    public SpecInput toInput() {
        return new SpecInput(Integer.toString(count), seed, gender.format(Gender::code), country.format(c -> c), city,
                ageRange.toString(), interests.isEmpty() ? null : String.join(",", interests), domain,
                referenceDate.toString(), Integer.toString(epoch));
    }

    /**
     * The population's identity: a name-based UUID (version 8, SHA-256) of the canonical spec, so the same spec and
     * seed name the same population on any machine and credentials derived from it can be re-derived after a loss.
     */
    public java.util.UUID populationId() {
        SpecInput in = toInput();
        String canonical = String.join("\u0000", "azt3knet-population-v1", in.count(), in.seed(), in.gender(), in.country(),
                String.valueOf(in.city()), in.ageRange(), String.valueOf(in.interests()), in.domain(), in.referenceDate(),
                in.epoch());
        byte[] h;
        try {
            h = java.security.MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK guarantees SHA-256", e);
        }
        h[6] = (byte) ((h[6] & 0x0f) | 0x80); // version 8
        h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (h[i] & 0xff);
            lsb = (lsb << 8) | (h[i + 8] & 0xff);
        }
        return new java.util.UUID(msb, lsb);
    }
}

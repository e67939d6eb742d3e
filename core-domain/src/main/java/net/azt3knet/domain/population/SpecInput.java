package net.azt3knet.domain.population;

/**
 * A population spec as a person or a JSON file writes it: every field is text, {@code null} when absent.
 * {@link PopulationSpec#parse(SpecInput)} turns it into a spec or reports every problem at once.
 *
 * @param count        {@code 1000}
 * @param seed         any text, e.g. {@code 42}
 * @param gender       {@code female}, or a mix {@code female:0.6,male:0.4}
 * @param country      {@code MX}, or a mix {@code MX:0.7,US:0.3}
 * @param city         a city of the chosen countries, e.g. {@code Guadalajara}
 * @param ageRange     {@code 18-25}, or one age {@code 30}
 * @param interests    {@code music,hiking}
 * @param domain       the mail domain, e.g. {@code agents.example.org}
 * @param referenceDate ISO date birth dates are computed from, e.g. {@code 2025-01-01}
 * @param epoch        generator epoch number, e.g. {@code 1}
 */
public record SpecInput(String count, String seed, String gender, String country, String city, String ageRange,
                        String interests, String domain, String referenceDate, String epoch) {

    /** An input with only count and seed set. */
    public static SpecInput of(String count, String seed) {
        return new SpecInput(count, seed, null, null, null, null, null, null, null, null);
    }

    /** This input with every non-null field of {@code overrides} taking precedence (flags over a spec file). */
    public SpecInput overriddenBy(SpecInput overrides) {
        return new SpecInput(pick(overrides.count, count), pick(overrides.seed, seed), pick(overrides.gender, gender),
                pick(overrides.country, country), pick(overrides.city, city), pick(overrides.ageRange, ageRange),
                pick(overrides.interests, interests), pick(overrides.domain, domain),
                pick(overrides.referenceDate, referenceDate), pick(overrides.epoch, epoch));
    }

    /** This input with {@code seed} set. */
    public SpecInput withSeed(String newSeed) {
        return new SpecInput(count, newSeed, gender, country, city, ageRange, interests, domain, referenceDate, epoch);
    }

    private static String pick(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}

package net.azt3knet.domain.population;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Text → {@link PopulationSpec}: every field parsed, every problem collected, then one exception. */
final class SpecParser {

    private final List<SpecViolation> problems = new ArrayList<>();

    private SpecParser() {
    }

    static PopulationSpec parse(SpecInput in) {
        SpecParser p = new SpecParser();
        Integer count = p.count(in.count());
        String seed = in.seed();
        if (seed == null) {
            p.problems.add(new SpecViolation("seed", null, "is missing",
                    "give any text, e.g. 42; the same seed always yields the same population"));
        }
        WeightedMix<Gender> gender = p.mix("gender", in.gender(), Gender::fromCode, "female:0.6,male:0.4",
                "use female, male, non_binary or unspecified, or a mix like female:0.6,male:0.4");
        WeightedMix<String> country = p.mix("country", in.country(),
                code -> code.length() == 2 ? Optional.of(code.toUpperCase(Locale.ROOT)) : Optional.empty(), "MX:0.7,US:0.3",
                "use ISO 3166-1 alpha-2 codes, one (MX) or a mix (MX:0.7,US:0.3); supported: " + Countries.supportedList());
        String city = in.city() == null ? null : in.city().strip();
        AgeRange ageRange = p.ageRange(in.ageRange());
        List<String> interests = p.interests(in.interests());
        String domain = in.domain() == null ? null : in.domain().strip().toLowerCase(Locale.ROOT);
        LocalDate referenceDate = p.referenceDate(in.referenceDate());
        Integer epoch = p.epoch(in.epoch());

        // Field rules run on whatever parsed, so one message lists every problem.
        if (count != null) SpecChecks.count(count, p.problems);
        if (seed != null) SpecChecks.seed(seed, p.problems);
        int countryEpoch = epoch != null && GeneratorEpoch.of(epoch).isPresent() ? epoch : GeneratorEpoch.CURRENT.number();
        if (country != null) SpecChecks.country(country, countryEpoch, p.problems);
        SpecChecks.city(city, p.problems);
        if (interests != null) SpecChecks.interests(interests, p.problems);
        if (domain != null) SpecChecks.domain(domain, p.problems);
        if (epoch != null) SpecChecks.epoch(epoch, p.problems);
        SpecChecks.referenceDate(referenceDate, p.problems);
        if (!p.problems.isEmpty()) throw new InvalidSpecException(p.problems);
        return new PopulationSpec(count, seed, gender, country, city, ageRange, interests, domain, referenceDate,
                epoch == null ? 0 : epoch);
    }

    private Integer count(String text) {
        if (text == null) {
            problems.add(new SpecViolation("count", null, "is missing", "give the number of agents, 1 to " + PopulationSpec.MAX_COUNT));
            return null;
        }
        try {
            long value = Long.parseLong(text.strip().replace("_", ""));
            if (value < 1 || value > PopulationSpec.MAX_COUNT) {
                SpecChecks.count(value, problems);
                return null;
            }
            return (int) value;
        } catch (NumberFormatException e) {
            problems.add(new SpecViolation("count", text, "is not a whole number in range",
                    "use a whole number from 1 to " + PopulationSpec.MAX_COUNT));
            return null;
        }
    }

    private <T> WeightedMix<T> mix(String field, String text, Function<String, Optional<T>> value, String example,
                                    String fix) {
        if (text == null) return null;
        if (text.isBlank()) {
            problems.add(new SpecViolation(field, text, "is empty", fix));
            return null;
        }
        List<WeightedMix.Entry<T>> entries = new ArrayList<>();
        int before = problems.size();
        for (String part : text.split(",", -1)) {
            String[] kv = part.split(":", -1);
            Optional<T> v = kv.length <= 2 ? value.apply(kv[0].strip()) : Optional.empty();
            if (v.isEmpty()) {
                problems.add(new SpecViolation(field, part.strip(), "is not a recognised value", fix));
                continue;
            }
            double weight = 1.0;
            if (kv.length == 2) {
                try {
                    weight = Double.parseDouble(kv[1].strip());
                } catch (NumberFormatException e) {
                    weight = Double.NaN;
                }
                if (!(weight > 0) || Double.isInfinite(weight)) {
                    problems.add(new SpecViolation(field, part.strip(), "has a weight that is not a positive number",
                            "write weights like " + example));
                    continue;
                }
            } else if (text.contains(":")) {
                problems.add(new SpecViolation(field, part.strip(), "has no weight while others do",
                        "give every entry a weight, or none"));
                continue;
            }
            T chosen = v.get();
            if (entries.stream().anyMatch(e -> e.value().equals(chosen))) {
                problems.add(new SpecViolation(field, part.strip(), "is listed twice", "name each value once"));
                continue;
            }
            entries.add(new WeightedMix.Entry<>(chosen, weight));
        }
        return problems.size() == before ? new WeightedMix<>(entries) : null;
    }

    private AgeRange ageRange(String text) {
        if (text == null) return null;
        String[] parts = text.strip().split("-", -1);
        try {
            int min = Integer.parseInt(parts[0].strip());
            int max = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : min;
            if (parts.length <= 2 && min >= AgeRange.MIN && max <= AgeRange.MAX && min <= max) {
                return new AgeRange(min, max);
            }
            String problem = parts.length > 2 ? "has " + parts.length + " numbers; a range has two"
                    : min > max ? "has its lower bound after its upper bound"
                    : "must lie within " + AgeRange.MIN + "-" + AgeRange.MAX;
            problems.add(new SpecViolation("age_range", text, problem,
                    "use MIN-MAX with " + AgeRange.MIN + " ≤ MIN ≤ MAX ≤ " + AgeRange.MAX + ", e.g. 18-25"));
        } catch (NumberFormatException e) {
            problems.add(new SpecViolation("age_range", text, "is not an age range",
                    "use MIN-MAX with " + AgeRange.MIN + " ≤ MIN ≤ MAX ≤ " + AgeRange.MAX + ", e.g. 18-25"));
        }
        return null;
    }

    private List<String> interests(String text) {
        if (text == null) return null;
        if (text.isBlank()) {
            problems.add(new SpecViolation("interests", text, "is empty",
                    "list interests separated by commas, e.g. music,hiking, or leave the option out"));
            return null;
        }
        List<String> list = new ArrayList<>();
        for (String part : text.split(",", -1)) list.add(part.strip());
        return list;
    }

    private LocalDate referenceDate(String text) {
        if (text == null) return null;
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new SpecViolation("reference_date", text, "is not an ISO date",
                    "use YYYY-MM-DD, e.g. 2025-01-01"));
            return null;
        }
    }

    private Integer epoch(String text) {
        if (text == null) return null;
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new SpecViolation("epoch", text, "is not an epoch number",
                    "use one of " + GeneratorEpoch.supportedList()));
            return null;
        }
    }
}

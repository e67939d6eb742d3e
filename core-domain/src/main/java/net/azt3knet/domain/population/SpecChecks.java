package net.azt3knet.domain.population;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The field rules of a {@link PopulationSpec}, shared by its constructor and the text parser. */
final class SpecChecks {

    static final int MAX_INTERESTS = 50;
    static final int MAX_INTEREST_LENGTH = 60;
    static final int MAX_CITY_LENGTH = 100;
    static final LocalDate EARLIEST_REFERENCE_DATE = LocalDate.of(1950, 1, 1);
    static final LocalDate LATEST_REFERENCE_DATE = LocalDate.of(2100, 12, 31);
    /** RFC 5321: an address (local part, '@', domain) fits in 254 octets. */
    static final int MAX_ADDRESS_LENGTH = 254;
    /** RFC 5321: a local part fits in 64 octets. */
    static final int MAX_LOCAL_PART = 64;
    /** Room kept for the uniqueness suffix: up to 100,000,000 agents may share one name. */
    static final int SUFFIX_DIGITS = 9;
    /** Shortest name part that still makes a readable address. */
    static final int MIN_NAME_PART = 4;

    private SpecChecks() {
    }

    static void count(long count, List<SpecViolation> problems) {
        if (count < 1 || count > PopulationSpec.MAX_COUNT) {
            problems.add(new SpecViolation("count", Long.toString(count), "is out of range",
                    "use a whole number from 1 to " + PopulationSpec.MAX_COUNT));
        }
    }

    static void seed(String seed, List<SpecViolation> problems) {
        if (seed == null || seed.isBlank()) {
            problems.add(new SpecViolation("seed", seed, "is missing",
                    "give any text, e.g. 42; the same seed always yields the same population"));
        } else if (seed.length() > PopulationSpec.MAX_SEED_LENGTH || seed.chars().anyMatch(Character::isISOControl)) {
            problems.add(new SpecViolation("seed", seed, "is too long or contains control characters",
                    "use up to " + PopulationSpec.MAX_SEED_LENGTH + " printable characters"));
        }
    }

    /** Countries are checked against the spec's epoch: later epochs support more of them. */
    static void country(WeightedMix<String> country, int epoch, List<SpecViolation> problems) {
        for (String code : country.values()) {
            if (Countries.name(epoch, code).isEmpty()) {
                boolean later = Countries.name(GeneratorEpoch.CURRENT.number(), code).isPresent();
                problems.add(new SpecViolation("country", code, later
                        ? "is not supported by generator epoch " + epoch
                        : "is not a supported ISO 3166-1 alpha-2 code",
                        later ? "use epoch " + GeneratorEpoch.CURRENT.number() + " (--epoch " + GeneratorEpoch.CURRENT.number()
                                + ") or one of " + Countries.supportedList(epoch)
                              : "use one of " + Countries.supportedList(epoch)));
            }
        }
    }

    static void city(String city, List<SpecViolation> problems) {
        if (city != null && (city.isBlank() || city.length() > MAX_CITY_LENGTH)) {
            problems.add(new SpecViolation("city", city, "is empty or longer than " + MAX_CITY_LENGTH + " characters",
                    "name a city of the chosen countries, or leave it out"));
        }
    }

    static void interests(List<String> interests, List<SpecViolation> problems) {
        if (interests.size() > MAX_INTERESTS) {
            problems.add(new SpecViolation("interests", interests.size() + " entries", "has too many entries",
                    "give at most " + MAX_INTERESTS));
        }
        Set<String> seen = new HashSet<>();
        for (String interest : interests) {
            if (interest == null || interest.isBlank()) {
                problems.add(new SpecViolation("interests", interest, "contains an empty entry",
                        "list non-empty interests separated by commas, e.g. music,hiking"));
            } else if (interest.length() > MAX_INTEREST_LENGTH || interest.chars().anyMatch(Character::isISOControl)
                       || !interest.equals(interest.strip())) {
                problems.add(new SpecViolation("interests", interest, "is too long or has surrounding spaces or control characters",
                        "use up to " + MAX_INTEREST_LENGTH + " printable characters per interest"));
            } else if (!seen.add(interest.toLowerCase(Locale.ROOT))) {
                problems.add(new SpecViolation("interests", interest, "is listed twice", "list each interest once"));
            }
        }
    }

    static void domain(String domain, List<SpecViolation> problems) {
        String problem = domainProblem(domain);
        if (problem != null) {
            problems.add(new SpecViolation("domain", domain, problem,
                    "use a lower-case DNS name you own, e.g. agents.example.org (IDNs in their xn-- form)"));
        } else if (localPartRoom(domain) < MIN_NAME_PART) {
            problems.add(new SpecViolation("domain", domain, "is " + domain.length()
                    + " characters long and leaves no room for unique addresses (local part + '@' + domain ≤ "
                    + MAX_ADDRESS_LENGTH + ")", "use a domain of at most " + (MAX_ADDRESS_LENGTH - 1 - SUFFIX_DIGITS - MIN_NAME_PART)
                    + " characters"));
        }
    }

    /** Characters of the local part left for the name-derived part once the uniqueness suffix is reserved. */
    static int localPartRoom(String domain) {
        return Math.min(MAX_LOCAL_PART, MAX_ADDRESS_LENGTH - 1 - domain.length()) - SUFFIX_DIGITS;
    }

    private static String domainProblem(String domain) {
        if (domain.isEmpty() || domain.length() > 253) return "must be 1 to 253 characters";
        if (!domain.contains(".")) return "needs at least two labels";
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) return "has an empty label or one longer than 63 characters";
            if (label.startsWith("-") || label.endsWith("-")) return "has a label that starts or ends with '-'";
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return "may contain only a-z, 0-9, '-' and dots";
                }
            }
        }
        if (domain.substring(domain.lastIndexOf('.') + 1).chars().allMatch(Character::isDigit)) {
            return "looks like an IP address, not a domain";
        }
        return null;
    }

    static void epoch(int epoch, List<SpecViolation> problems) {
        if (GeneratorEpoch.of(epoch).isEmpty()) {
            problems.add(new SpecViolation("epoch", Integer.toString(epoch), "is not an epoch this release can run",
                    "use one of " + GeneratorEpoch.supportedList()));
        }
    }

    static void referenceDate(LocalDate date, List<SpecViolation> problems) {
        if (date != null && (date.isBefore(EARLIEST_REFERENCE_DATE) || date.isAfter(LATEST_REFERENCE_DATE))) {
            problems.add(new SpecViolation("reference_date", date.toString(), "is out of range",
                    "use an ISO date from " + EARLIEST_REFERENCE_DATE + " to " + LATEST_REFERENCE_DATE));
        }
    }
}

package net.azt3knet.domain.population;

import java.util.Arrays;
import java.util.Optional;

/** An agent's gender as written in specs and output ({@code female}, {@code male}, {@code non_binary}, {@code unspecified}). */
public enum Gender {
    FEMALE("female"),
    MALE("male"),
    NON_BINARY("non_binary"),
    UNSPECIFIED("unspecified");

    private final String code;

    Gender(String code) {
        this.code = code;
    }

    /** The spelling used in specs, flags and output. */
    public String code() {
        return code;
    }

    /** The gender spelled {@code code} (case-insensitive; {@code non-binary} is accepted too). */
    public static Optional<Gender> fromCode(String code) {
        String normalised = code.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(g -> g.code.equals(normalised)).findFirst();
    }
}

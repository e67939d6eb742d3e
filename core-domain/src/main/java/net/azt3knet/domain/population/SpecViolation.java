package net.azt3knet.domain.population;

/** One problem with a population spec: the field, the value given, what is wrong and how to fix it. */
public record SpecViolation(String field, String value, String problem, String fix) {

    /** {@code count: 'abc' is not a whole number; use a number from 1 to 100000000}. */
    public String message() {
        String shown = value == null ? "" : " '" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'";
        return field + ":" + shown + " " + problem + (fix == null || fix.isEmpty() ? "" : "; " + fix);
    }
}

package net.azt3knet.domain.population;

/** An inclusive range of ages in years, within {@value #MIN}–{@value #MAX}. */
public record AgeRange(int min, int max) {

    /** Youngest age the generator produces. */
    public static final int MIN = 13;
    /** Oldest age the generator produces. */
    public static final int MAX = 90;

    public AgeRange {
        if (min < MIN || max > MAX || min > max) {
            throw new InvalidSpecException(new SpecViolation("age_range", min + "-" + max,
                    "must lie within " + MIN + "-" + MAX + " with the lower bound first", "use for example 18-65"));
        }
    }

    /** Formats as {@code 18-65}. */
    @Override
    public String toString() {
        return min + "-" + max;
    }
}

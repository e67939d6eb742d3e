package net.azt3knet.domain.population;

import java.util.List;
import java.util.Objects;

/**
 * A weighted choice such as {@code female:0.6,male:0.4}. Weights are positive and normalised to sum to 1,
 * so {@code female:3,male:2} means the same as {@code female:0.6,male:0.4}. Entries keep the order given.
 */
public record WeightedMix<T>(List<Entry<T>> entries) {

    /** One value and its share of the mix. */
    public record Entry<T>(T value, double weight) {
        public Entry {
            Objects.requireNonNull(value, "value");
        }
    }

    public WeightedMix {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) throw new IllegalArgumentException("a weighted mix needs at least one entry");
        double sum = 0;
        for (Entry<T> e : entries) {
            if (!(e.weight() > 0) || Double.isInfinite(e.weight())) {
                throw new IllegalArgumentException("weight of " + e.value() + " must be a positive number, was " + e.weight());
            }
            sum += e.weight();
        }
        if (Math.abs(sum - 1.0) > 1e-12) {
            double total = sum;
            entries = entries.stream().map(e -> new Entry<>(e.value(), e.weight() / total)).toList();
        }
        if (entries.stream().map(Entry::value).distinct().count() != entries.size()) {
            throw new IllegalArgumentException("a weighted mix names each value once");
        }
    }

    /** A mix of one value only. */
    public static <T> WeightedMix<T> of(T only) {
        return new WeightedMix<>(List.of(new Entry<>(only, 1.0)));
    }

    /** The values in the order given. */
    public List<T> values() {
        return entries.stream().map(Entry::value).toList();
    }

    /** {@code female:0.6,male:0.4}, or just {@code female} for a single value. */
    public String format(java.util.function.Function<T, String> name) {
        if (entries.size() == 1) return name.apply(entries.get(0).value());
        StringBuilder b = new StringBuilder();
        for (Entry<T> e : entries) {
            if (!b.isEmpty()) b.append(',');
            b.append(name.apply(e.value())).append(':').append(trim(e.weight()));
        }
        return b.toString();
    }

    private static String trim(double weight) {
        String s = java.math.BigDecimal.valueOf(weight).stripTrailingZeros().toPlainString();
        return s.length() > 8 ? s.substring(0, 8) : s;
    }
}

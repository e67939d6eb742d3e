package net.azt3knet.domain.generation;

/**
 * Walker/Vose alias table: O(1) weighted draws from one 64-bit random number. Built with plain IEEE
 * arithmetic in a fixed order, so the same weights give the same table on every JVM.
 */
final class AliasTable {

    private static final long ONE = 1L << 32;
    /** Per column: its threshold (0 … 2^32, 33 bits) above its alias (31 bits), so a draw reads one long. */
    private final long[] columns;

    private AliasTable(int[] alias, long[] threshold) {
        columns = new long[alias.length];
        for (int i = 0; i < alias.length; i++) columns[i] = (threshold[i] << 31) | alias[i];
    }

    /** A table over {@code weights} (non-negative, at least one positive). */
    static AliasTable of(double[] weights) {
        int n = weights.length;
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weights must be finite and non-negative");
            sum += w;
        }
        if (n == 0 || !(sum > 0)) throw new IllegalArgumentException("an alias table needs a positive weight");
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int s = 0;
        int l = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1.0) small[s++] = i;
            else large[l++] = i;
        }
        int[] alias = new int[n];
        long[] threshold = new long[n];
        while (s > 0 && l > 0) {
            int less = small[--s];
            int more = large[--l];
            threshold[less] = (long) (scaled[less] * ONE);
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1.0;
            if (scaled[more] < 1.0) small[s++] = more;
            else large[l++] = more;
        }
        while (l > 0) { int i = large[--l]; threshold[i] = ONE; alias[i] = i; }
        while (s > 0) { int i = small[--s]; threshold[i] = ONE; alias[i] = i; } // rounding leftovers
        return new AliasTable(alias, threshold);
    }

    /** A table over long weights (counts). */
    static AliasTable of(long[] weights) {
        double[] d = new double[weights.length];
        for (int i = 0; i < d.length; i++) d[i] = weights[i];
        return of(d);
    }

    /** The index drawn by {@code random}: high 32 bits choose a column, low 32 bits toss its coin. */
    int draw(long random) {
        int column = (int) (((random >>> 32) * columns.length) >>> 32);
        long packed = columns[column];
        return (random & 0xFFFFFFFFL) < (packed >>> 31) ? column : (int) (packed & 0x7FFFFFFF);
    }
}

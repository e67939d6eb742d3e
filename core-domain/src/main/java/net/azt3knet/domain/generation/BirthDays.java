package net.azt3knet.domain.generation;

import java.time.LocalDate;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.population.AgeRange;

/**
 * The birth days a spec allows (at most about 78 years of days), tabulated once per spec: for each age, the
 * first possible birth day and how many there are; for each day, its year and its ISO form. Agents then need no
 * date arithmetic of their own.
 */
final class BirthDays {

    private static final int ISO_LENGTH = 10;

    /** Per age in the range: first possible birth day (epoch day) and the number of possible days. */
    private final long[] firstBirthDay;
    private final int[] dayCount;
    private final long firstDay;
    private final short[] years;
    private final byte[] iso;

    BirthDays(AgeRange range, LocalDate referenceDate) {
        int ages = range.max() - range.min() + 1;
        firstBirthDay = new long[ages];
        dayCount = new int[ages];
        for (int a = range.min(); a <= range.max(); a++) {
            // Born after this date and on or before the latest one, an agent is exactly `a` at the reference date.
            long earliest = referenceDate.minusYears(a + 1L).plusDays(1).toEpochDay();
            long latest = referenceDate.minusYears(a).toEpochDay();
            firstBirthDay[a - range.min()] = earliest;
            dayCount[a - range.min()] = (int) (latest - earliest + 1);
        }
        firstDay = firstBirthDay[ages - 1];
        int days = (int) (referenceDate.minusYears(range.min()).toEpochDay() - firstDay + 1);
        years = new short[days];
        ByteBuilder text = new ByteBuilder(days * ISO_LENGTH);
        for (int d = 0; d < days; d++) {
            LocalDate date = LocalDate.ofEpochDay(firstDay + d);
            years[d] = (short) date.getYear();
            CanonicalJson.date(date, text);
        }
        iso = text.toByteArray();
    }

    /** First possible birth day of the age at {@code ageOffset} from the range's minimum. */
    long first(int ageOffset) {
        return firstBirthDay[ageOffset];
    }

    /** How many birth days the age at {@code ageOffset} has (365 or 366). */
    int count(int ageOffset) {
        return dayCount[ageOffset];
    }

    int year(long epochDay) {
        return years[(int) (epochDay - firstDay)];
    }

    /** Writes the day as yyyy-mm-dd at {@code p}, exactly as {@link CanonicalJson#date} does; returns the end. */
    int writeIso(byte[] b, int p, long epochDay) {
        System.arraycopy(iso, (int) (epochDay - firstDay) * ISO_LENGTH, b, p, ISO_LENGTH);
        return p + ISO_LENGTH;
    }
}

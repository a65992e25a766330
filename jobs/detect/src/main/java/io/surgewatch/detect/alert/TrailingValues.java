package io.surgewatch.detect.alert;

import java.util.Arrays;

/**
 * The last few values of a key, kept as a small array in keyed state, and their median: the robust
 * centre the latency baseline, the load trend and the capacity estimate rely on.
 */
public final class TrailingValues {
    private TrailingValues() {
    }

    /** {@code past} with {@code value} appended, keeping at most the last {@code span} values. */
    public static double[] append(double[] past, double value, int span) {
        if (past == null) {
            return new double[] {value};
        }
        int keep = Math.min(past.length, span - 1);
        double[] next = Arrays.copyOfRange(past, past.length - keep, past.length + 1);
        next[keep] = value;
        return next;
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

package io.surgewatch.detect.alert;

/**
 * The capacity learned from latency against throughput, and whether to believe it. Each estimate is
 * the M/M/1 inversion of one window (throughput / (1 - S / median)); they are kept as pairs
 * (throughput, estimate) for up to twice the horizon. The learned capacity is the median of the most
 * recent estimates. It is <em>trusted</em> only once it has held still while the load moved: over the
 * kept pairs the throughput spans at least {@value #MIN_RANGE} of the estimate, and the estimate does
 * not rise with the throughput (least-squares slope at most {@value #MAX_SLOPE}). A queue's capacity
 * does not follow its load; an added delay does — a slow dependency makes every window look like a
 * queue just past its load, and its "capacity" climbs with the load. A capacity that fell while the
 * load rose (a lost node) has a negative slope and is trusted.
 */
final class LearnedCapacity {
    static final double MIN_RANGE = 0.05;
    static final double MAX_SLOPE = 0.5;

    private LearnedCapacity() {
    }

    /** {@code pairs} (throughput, estimate, oldest first) with one more, keeping at most {@code keep} pairs. */
    static double[] append(double[] pairs, double throughput, double estimate, int keep) {
        int have = pairs == null ? 0 : pairs.length / 2;
        int from = Math.max(0, have - (keep - 1));
        double[] next = new double[2 * (have - from + 1)];
        if (pairs != null) {
            System.arraycopy(pairs, 2 * from, next, 0, 2 * (have - from));
        }
        next[next.length - 2] = throughput;
        next[next.length - 1] = estimate;
        return next;
    }

    /** The median of the last {@code recent} estimates, or NaN before three were taken. */
    static double median(double[] pairs, int recent) {
        if (pairs == null || pairs.length < 6) {
            return Double.NaN;
        }
        int n = Math.min(recent, pairs.length / 2);
        double[] last = new double[n];
        for (int i = 0; i < n; i++) {
            last[i] = pairs[pairs.length - 2 * (n - i) + 1];
        }
        return TrailingValues.median(last);
    }

    /** Whether the estimates held still while the throughput moved (see the class comment). */
    static boolean trusted(double[] pairs, double learned) {
        if (pairs == null || pairs.length < 6 || Double.isNaN(learned)) {
            return false;
        }
        int n = pairs.length / 2;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, pairs[2 * i]);
            max = Math.max(max, pairs[2 * i]);
            meanX += pairs[2 * i] / n;
            meanY += pairs[2 * i + 1] / n;
        }
        if (max - min < MIN_RANGE * learned) {
            return false;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (pairs[2 * i] - meanX) * (pairs[2 * i] - meanX);
            sxy += (pairs[2 * i] - meanX) * (pairs[2 * i + 1] - meanY);
        }
        return sxy / sxx <= MAX_SLOPE;
    }
}

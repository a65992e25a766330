package io.surgewatch.detect.alert;

import java.io.Serializable;
import java.util.Arrays;

/**
 * When the offered load reaches a capacity at its current trend, trusted only as far as the data
 * carries it. Over each of several spans (a minute for a flash crowd, {@code trend_windows} for a
 * morning ramp, twice the horizon for a slow creep) a least-squares line is fitted; its slope counts
 * only by its one-sided 99% lower confidence bound (Student's t with n - 2 degrees of freedom), so a
 * noisy plateau has no trend; and a line is extrapolated no further than half the span it was fitted
 * on (a span that is not yet full counts as long as what it holds). The earliest crossing any span
 * vouches for wins.
 */
public final class LoadForecast implements Serializable {
    /** The fewest windows a slope and its confidence bound are fitted on. */
    static final int MIN_POINTS = 6;
    private static final double[] T99 = {31.82, 6.965, 4.541, 3.747, 3.365, 3.143, 2.998, 2.896, 2.821, 2.764};

    private final int[] spans;

    public LoadForecast(int... spans) {
        this.spans = Arrays.stream(spans).map(s -> Math.max(MIN_POINTS, s)).sorted().distinct().toArray();
    }

    /** The longest span: how many windows of history to keep. */
    public int history() {
        return spans[spans.length - 1];
    }

    /**
     * Windows until {@code offered} (oldest first, one value a window) reaches {@code capacity}: 0 if the
     * last window is there, NaN if no span vouches for a crossing.
     */
    public double windowsToReach(double[] offered, double capacity) {
        int n = offered.length;
        if (n == 0) {
            return Double.NaN;
        }
        if (offered[n - 1] >= capacity) {
            return 0;
        }
        double best = Double.NaN;
        for (int span : spans) {
            int m = Math.min(n, span);
            if (m < MIN_POINTS) {
                continue;
            }
            double crossing = crossing(offered, n - m, m, capacity);
            if (crossing <= m / 2.0 && !(crossing >= best)) {
                best = crossing;
            }
        }
        return best;
    }

    /** Windows until the confident line through {@code y[from, from + m)} reaches {@code capacity}, from its last point. */
    private static double crossing(double[] y, int from, int m, double capacity) {
        double meanX = (m - 1) / 2.0;
        double meanY = 0;
        for (int i = 0; i < m; i++) {
            meanY += y[from + i];
        }
        meanY /= m;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < m; i++) {
            sxx += (i - meanX) * (i - meanX);
            sxy += (i - meanX) * (y[from + i] - meanY);
        }
        double slope = sxy / sxx;
        double sse = 0;
        for (int i = 0; i < m; i++) {
            double r = y[from + i] - (meanY + slope * (i - meanX));
            sse += r * r;
        }
        double lower = slope - t99(m - 2) * Math.sqrt(sse / (m - 2) / sxx);
        if (!(lower > 0)) {
            return Double.NaN;
        }
        double level = meanY + slope * (m - 1 - meanX);
        return Math.max(0, (capacity - level) / lower);
    }

    static double t99(int degreesOfFreedom) {
        if (degreesOfFreedom <= T99.length) {
            return T99[degreesOfFreedom - 1];
        }
        return degreesOfFreedom <= 20 ? 2.528 + (2.764 - 2.528) * (20 - degreesOfFreedom) / 10.0
                : degreesOfFreedom <= 60 ? 2.390 + (2.528 - 2.390) * (60 - degreesOfFreedom) / 40.0 : 2.358;
    }
}

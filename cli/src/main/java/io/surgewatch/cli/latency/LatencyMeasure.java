package io.surgewatch.cli.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One latency of the bench over its incidents, in milliseconds; {@code missing} incidents never showed the later instant. */
record LatencyMeasure(String name, String label, List<Long> samples, int missing) {
    static LatencyMeasure of(String name, String label, List<Long> samples, int expected) {
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        return new LatencyMeasure(name, label, List.copyOf(sorted), expected - samples.size());
    }

    /** The nearest-rank quantile; NaN without samples. */
    double quantileMillis(double q) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * samples.size());
        return samples.get(Math.max(0, Math.min(samples.size() - 1, rank - 1)));
    }

    double maxMillis() {
        return samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1);
    }

    String row() {
        return String.format(Locale.ROOT, "%-44s %3d %8s %8s %8s%s", label, samples.size(), seconds(quantileMillis(0.5)),
                seconds(quantileMillis(0.95)), seconds(maxMillis()), missing > 0 ? "   (" + missing + " never)" : "");
    }

    String json() {
        return String.format(Locale.ROOT, "{\"n\":%d,\"missing\":%d,\"p50_ms\":%.0f,\"p95_ms\":%.0f,\"max_ms\":%.0f}", samples.size(), missing,
                orZero(quantileMillis(0.5)), orZero(quantileMillis(0.95)), orZero(maxMillis()));
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String seconds(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }
}

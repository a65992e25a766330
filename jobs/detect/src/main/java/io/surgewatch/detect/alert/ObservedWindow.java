package io.surgewatch.detect.alert;

import io.surgewatch.model.WindowStats;

/**
 * A window as the detectors see it: its statistics, the trailing latency baseline of its key (the
 * median of the previous windows' quantile), and for a service with a modelled capacity the load
 * view: {@code utilisation} (offered requests/s over capacity), {@code secondsToSaturation} (when the
 * robust trend of offered load crosses capacity; 0 once it has, NaN when it is not rising),
 * {@code estimatedCapacity} (learned from latency against throughput) and {@code unloadedLatencyMs}
 * (the median latency when lightly loaded). Unknown values are NaN.
 */
public record ObservedWindow(WindowStats stats, double latencyBaselineMs, double utilisation, double secondsToSaturation,
                             double estimatedCapacity, double unloadedLatencyMs) {
    public static ObservedWindow of(WindowStats stats, double latencyBaselineMs) {
        return new ObservedWindow(stats, latencyBaselineMs, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public ObservedWindow withLoad(double newUtilisation, double newSecondsToSaturation, double newEstimatedCapacity, double newUnloadedMs) {
        return new ObservedWindow(stats, latencyBaselineMs, newUtilisation, newSecondsToSaturation, newEstimatedCapacity, newUnloadedMs);
    }

    public boolean hasBaseline() {
        return !Double.isNaN(latencyBaselineMs);
    }

    /** Offered requests per second in this window. */
    public double offeredRps() {
        return stats.count() * 1000.0 / (stats.windowEndMillis() - stats.windowStartMillis());
    }
}

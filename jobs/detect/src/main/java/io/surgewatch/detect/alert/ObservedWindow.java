package io.surgewatch.detect.alert;

import io.surgewatch.model.WindowStats;

/**
 * A window as the detectors see it: its statistics and the trailing latency baseline of its key at
 * the time (the median of the previous windows' quantile; {@code NaN} until there are enough).
 */
public record ObservedWindow(WindowStats stats, double latencyBaselineMs) {
    public boolean hasBaseline() {
        return !Double.isNaN(latencyBaselineMs);
    }
}

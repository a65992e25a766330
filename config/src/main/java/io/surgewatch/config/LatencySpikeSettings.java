package io.surgewatch.config;

import java.time.Duration;

/**
 * LatencySpike: the {@code quantile} of request latency in a window is above {@code threshold}, or
 * above {@code baseline_factor} times its trailing baseline (the median over the last
 * {@code baseline_windows} windows), for {@code windows} consecutive windows with at least
 * {@code min_requests} requests each. It resolves after {@code clear_after} of windows below both.
 * A {@code baseline_factor} of 0 turns the baseline comparison off.
 */
public record LatencySpikeSettings(Double quantile, Duration threshold, Double baselineFactor, Integer baselineWindows,
                                   Integer windows, Long minRequests, Duration clearAfter, Severity severity) implements io.surgewatch.config.rules.RuleCondition {
    public LatencySpikeSettings {
        quantile = quantile != null ? quantile : 0.99;
        threshold = threshold != null ? threshold : Duration.ofSeconds(1);
        baselineFactor = baselineFactor != null ? baselineFactor : 0.0;
        baselineWindows = baselineWindows != null ? baselineWindows : 30;
        windows = windows != null ? windows : 3;
        minRequests = minRequests != null ? minRequests : 20L;
        clearAfter = clearAfter != null ? clearAfter : Duration.ofSeconds(60);
        severity = severity != null ? severity : Severity.CRITICAL;
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("quantile must lie strictly between 0 and 1, got " + quantile);
        }
        Durations.requirePositive(threshold, "threshold");
        if (baselineFactor != 0 && baselineFactor <= 1) {
            throw new IllegalArgumentException("baseline_factor must be above 1 (or 0 for off), got " + baselineFactor);
        }
        if (baselineWindows < 3 || baselineWindows > 1000) {
            throw new IllegalArgumentException("baseline_windows must be between 3 and 1000, got " + baselineWindows);
        }
        if (windows < 1 || windows > 100) {
            throw new IllegalArgumentException("windows must be between 1 and 100, got " + windows);
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("min_requests must be at least 1, got " + minRequests);
        }
        Durations.requirePositive(clearAfter, "clear_after");
    }

    public static LatencySpikeSettings defaults() {
        return new LatencySpikeSettings(null, null, null, null, null, null, null, null);
    }
}

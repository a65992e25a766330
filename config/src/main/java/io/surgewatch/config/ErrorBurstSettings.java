package io.surgewatch.config;

import java.time.Duration;

/**
 * ErrorBurst: the share of failed requests (5xx, 499 client gave up, 504) is at least {@code ratio}
 * in {@code windows} of any {@code out_of} consecutive windows that have at least
 * {@code min_requests} requests. It resolves after {@code clear_after} of windows below the ratio.
 */
public record ErrorBurstSettings(Double ratio, Long minRequests, Integer windows, Integer outOf, Duration clearAfter,
                                 Severity severity) implements io.surgewatch.config.rules.RuleCondition {
    public ErrorBurstSettings {
        ratio = ratio != null ? ratio : 0.05;
        minRequests = minRequests != null ? minRequests : 20L;
        windows = windows != null ? windows : 3;
        outOf = outOf != null ? outOf : 5;
        clearAfter = clearAfter != null ? clearAfter : Duration.ofSeconds(60);
        severity = severity != null ? severity : Severity.CRITICAL;
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must lie in (0, 1], got " + ratio);
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("min_requests must be at least 1, got " + minRequests);
        }
        if (windows < 1 || windows > 100) {
            throw new IllegalArgumentException("windows must be between 1 and 100, got " + windows);
        }
        if (outOf < windows) {
            throw new IllegalArgumentException("out_of (" + outOf + ") must be at least windows (" + windows + ")");
        }
        Durations.requirePositive(clearAfter, "clear_after");
    }

    public static ErrorBurstSettings defaults() {
        return new ErrorBurstSettings(null, null, null, null, null, null);
    }
}

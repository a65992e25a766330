package io.surgewatch.config.rules;

/** LatencyKnee: the median latency at {@code factor} times the unloaded one or more, at {@code utilisation} of capacity or more. */
public record LatencyKneeCondition(Double factor, Double utilisation) implements RuleCondition {
    public LatencyKneeCondition {
        if (factor != null && !(factor > 1)) {
            throw new IllegalArgumentException("factor must be above 1 (times the unloaded latency), got " + factor);
        }
        if (utilisation != null && !(utilisation > 0 && utilisation < 1)) {
            throw new IllegalArgumentException("utilisation must lie in (0, 1), got " + utilisation);
        }
    }
}

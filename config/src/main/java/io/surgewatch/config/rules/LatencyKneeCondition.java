package io.surgewatch.config.rules;

/** LatencyKnee: the median latency at {@code factor} times the unloaded one or more, at {@code utilisation} of capacity or more. */
public record LatencyKneeCondition(Double factor, Double utilisation) implements RuleCondition {
}

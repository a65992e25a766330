package io.surgewatch.config.rules;

import java.time.Duration;

/** CapacityPressure: offered load at or above {@code pressure} of the modelled capacity for {@code sustained}. */
public record CapacityPressureCondition(Double pressure, Duration sustained) implements RuleCondition {
}

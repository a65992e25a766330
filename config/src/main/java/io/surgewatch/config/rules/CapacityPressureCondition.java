package io.surgewatch.config.rules;

import java.time.Duration;

/** CapacityPressure: offered load at or above {@code pressure} of the modelled capacity for {@code sustained}. */
public record CapacityPressureCondition(Double pressure, Duration sustained) implements RuleCondition {
    public CapacityPressureCondition {
        if (pressure != null && !(pressure > 0 && pressure <= 1)) {
            throw new IllegalArgumentException("pressure must lie in (0, 1] of capacity, got " + pressure);
        }
        if (sustained != null) {
            io.surgewatch.config.Durations.requirePositive(sustained, "sustained");
        }
    }
}

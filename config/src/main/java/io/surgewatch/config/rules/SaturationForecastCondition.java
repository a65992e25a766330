package io.surgewatch.config.rules;

import java.time.Duration;

/** SaturationForecast: the load trend over {@code trend_windows} windows reaches capacity within {@code horizon}. */
public record SaturationForecastCondition(Duration horizon, Integer trendWindows) implements RuleCondition {
    public SaturationForecastCondition {
        if (horizon != null) {
            io.surgewatch.config.Durations.requirePositive(horizon, "horizon");
        }
        if (trendWindows != null && (trendWindows < 6 || trendWindows > 500)) {
            throw new IllegalArgumentException("trend_windows must lie between 6 and 500, got " + trendWindows);
        }
    }
}

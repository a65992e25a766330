package io.surgewatch.config.rules;

import java.time.Duration;

/** SaturationForecast: the load trend over {@code trend_windows} windows reaches capacity within {@code horizon}. */
public record SaturationForecastCondition(Duration horizon, Integer trendWindows) implements RuleCondition {
}

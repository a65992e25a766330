package io.surgewatch.config.rules;

import java.time.Duration;

import io.surgewatch.config.FallbackSettings;

/**
 * CollapseImminent, which switches testing sites to ID-card registration: the routes testing sites
 * register through ({@code registration_routes}: when they fail, sites switch at once); the exit
 * thresholds and dwell; the policy.
 */
public record CollapseImminentCondition(java.util.List<String> registrationRoutes, Double exitUtilisation, Double exitErrorRatio, Duration dwell,
                                        FallbackSettings.Policy policy, Duration confirmWithin) implements RuleCondition {
    public CollapseImminentCondition {
        if (exitUtilisation != null && !(exitUtilisation > 0 && exitUtilisation < 1)) {
            throw new IllegalArgumentException("exit_utilisation must lie in (0, 1) of capacity, got " + exitUtilisation);
        }
        if (exitErrorRatio != null && !(exitErrorRatio > 0 && exitErrorRatio < 1)) {
            throw new IllegalArgumentException("exit_error_ratio must lie in (0, 1), got " + exitErrorRatio);
        }
        for (String route : registrationRoutes == null ? java.util.List.<String>of() : registrationRoutes) {
            if (route == null || !route.startsWith("/")) {
                throw new IllegalArgumentException("registration_routes: '" + route + "' must be a route template starting with '/'");
            }
        }
        if (dwell != null) {
            io.surgewatch.config.Durations.requirePositive(dwell, "dwell");
        }
        if (confirmWithin != null) {
            io.surgewatch.config.Durations.requirePositive(confirmWithin, "confirm_within");
        }
    }
}

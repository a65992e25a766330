package io.surgewatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * When testing sites are told to switch to ID-card registration, and back. A fallback ENTERs when a
 * collapse is expected within the forecast {@code horizon} (the load trend reaches the effective
 * capacity and the latency shows the queue at its knee), when the platform is overloaded now (at its
 * capacity with requests failing), or when it is down or its {@code registration_routes} fail (see
 * {@code CollapseJudge}). {@code pressure} is CapacityPressure's warning threshold. It EXITs only
 * after {@code dwell} of windows below {@code exit_utilisation} (well below the entry pressure) with
 * errors under {@code exit_error_ratio}: hysteresis, so that it never flaps. With {@code policy:
 * confirm} an ENTER waits up to {@code confirm_within} for on-call to confirm, then proceeds anyway.
 */
public record FallbackSettings(Double pressure, Duration pressureFor, Duration horizon, Integer trendWindows, Double kneeFactor,
                               Double kneeUtilisation, java.util.List<String> registrationRoutes, Double exitUtilisation, Double exitErrorRatio,
                               Duration dwell, Policy policy, Duration confirmWithin) implements Serializable {
    public enum Policy { AUTO, CONFIRM }

    /** The reference platform's registration endpoint, as the route normaliser names it. */
    public static final java.util.List<String> REGISTRATION_ROUTES = java.util.List.of("/api/v1/testing-sites/{id}/registrations");

    public FallbackSettings {
        pressure = pressure != null ? pressure : 0.9;
        pressureFor = pressureFor != null ? pressureFor : Duration.ofSeconds(30);
        horizon = horizon != null ? horizon : Duration.ofMinutes(25);
        trendWindows = trendWindows != null ? trendWindows : 30;
        kneeFactor = kneeFactor != null ? kneeFactor : 4.0;
        kneeUtilisation = kneeUtilisation != null ? kneeUtilisation : 0.6;
        registrationRoutes = registrationRoutes != null ? java.util.List.copyOf(registrationRoutes) : REGISTRATION_ROUTES;
        for (String route : registrationRoutes) {
            if (!route.startsWith("/")) {
                throw new IllegalArgumentException("registration_routes: '" + route + "' must be a route template starting with '/'");
            }
        }
        exitUtilisation = exitUtilisation != null ? exitUtilisation : 0.7;
        exitErrorRatio = exitErrorRatio != null ? exitErrorRatio : 0.01;
        dwell = dwell != null ? dwell : Duration.ofMinutes(10);
        policy = policy != null ? policy : Policy.AUTO;
        confirmWithin = confirmWithin != null ? confirmWithin : Duration.ofMinutes(5);
        if (!(pressure > 0 && pressure <= 1)) {
            throw new IllegalArgumentException("pressure must lie in (0, 1] of capacity, got " + pressure);
        }
        if (!(exitUtilisation > 0 && exitUtilisation < pressure)) {
            throw new IllegalArgumentException("exit_utilisation must lie below pressure (" + pressure + "), got " + exitUtilisation);
        }
        if (!(exitErrorRatio > 0 && exitErrorRatio < 1)) {
            throw new IllegalArgumentException("exit_error_ratio must lie in (0, 1), got " + exitErrorRatio);
        }
        if (trendWindows < 6 || trendWindows > 500) {
            throw new IllegalArgumentException("trend_windows must lie between 6 and 500, got " + trendWindows);
        }
        if (!(kneeFactor > 1) || !(kneeUtilisation > 0 && kneeUtilisation < 1)) {
            throw new IllegalArgumentException("knee_factor must be above 1 and knee_utilisation in (0, 1)");
        }
        Durations.requirePositive(pressureFor, "pressure_for");
        Durations.requirePositive(horizon, "horizon");
        Durations.requirePositive(dwell, "dwell");
        Durations.requirePositive(confirmWithin, "confirm_within");
    }

    public static FallbackSettings defaults() {
        return new FallbackSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}

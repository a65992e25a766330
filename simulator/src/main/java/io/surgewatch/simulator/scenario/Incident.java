package io.surgewatch.simulator.scenario;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Something that goes wrong on the platform at a clock time, for a while, whatever the load:
 * <ul>
 * <li>{@code crash}: the platform answers nothing; nginx answers 502 at once, or with {@code silent:
 *     true} the nginx tier is down too, nothing is logged and citizens (and probes) are refused;</li>
 * <li>{@code route_errors}: one {@code route} fails {@code ratio} of its requests with {@code status}
 *     (default 500), at once;</li>
 * <li>{@code slow_dependency}: one {@code route} (or every route, when none is named) takes
 *     {@code added_latency} longer;</li>
 * <li>{@code capacity_drop}: effective capacity times {@code factor} (a bad deploy, a lost node).</li>
 * </ul>
 */
public record Incident(Kind kind, String at, @JsonProperty("for") Duration duration, Boolean silent, RouteClass route, Integer status,
                       Double ratio, Duration addedLatency, Double factor) implements Serializable {
    public enum Kind { CRASH, ROUTE_ERRORS, SLOW_DEPENDENCY, CAPACITY_DROP }

    public Incident {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required: crash, route_errors, slow_dependency or capacity_drop");
        }
        DemandPoint.requireClockTime(at);
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("for must be a positive duration, got " + duration);
        }
        silent = silent != null && silent;
        if (silent && kind != Kind.CRASH) {
            throw new IllegalArgumentException("silent: only a crash can be silent");
        }
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        switch (kind) {
            case CRASH -> requireAbsent(name, route, status, ratio, addedLatency, factor);
            case ROUTE_ERRORS -> {
                if (route == null) {
                    throw new IllegalArgumentException("route: route_errors needs the route that fails (show_code, result_lookup or register)");
                }
                status = status != null ? status : 500;
                if (status < 400 || status > 599) {
                    throw new IllegalArgumentException("status must be an HTTP error status (400-599), got " + status);
                }
                if (ratio == null || !(ratio > 0 && ratio <= 1)) {
                    throw new IllegalArgumentException("ratio must lie in (0, 1], got " + ratio);
                }
                requireAbsent(name, null, null, null, addedLatency, factor);
            }
            case SLOW_DEPENDENCY -> {
                if (addedLatency == null || addedLatency.isNegative() || addedLatency.isZero()) {
                    throw new IllegalArgumentException("added_latency must be a positive duration, got " + addedLatency);
                }
                requireAbsent(name, null, status, ratio, null, factor);
            }
            case CAPACITY_DROP -> {
                if (factor == null || !(factor > 0 && factor < 1)) {
                    throw new IllegalArgumentException("factor must lie in (0, 1), got " + factor);
                }
                requireAbsent(name, route, status, ratio, addedLatency, null);
            }
        }
    }

    private static void requireAbsent(String kind, RouteClass route, Integer status, Double ratio, Duration addedLatency, Double factor) {
        String extra = route != null ? "route" : status != null ? "status" : ratio != null ? "ratio" : addedLatency != null ? "added_latency"
                : factor != null ? "factor" : null;
        if (extra != null) {
            throw new IllegalArgumentException(extra + ": a " + kind + " incident does not take it");
        }
    }

    public LocalTime clock() {
        return LocalTime.parse(at);
    }

    /** Whether the incident hits {@code r} (a slow dependency without a route hits every route). */
    public boolean hits(RouteClass r) {
        return route == null || route == r;
    }

    /** The kind as scenario files and reports spell it. */
    public String label() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}

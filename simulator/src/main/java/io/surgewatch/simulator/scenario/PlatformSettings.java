package io.surgewatch.simulator.scenario;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The platform citizens meet, at full scale. {@code capacity} requests/s can be served when healthy;
 * at zero load a request takes {@code base_latency}, and queueing stretches it as utilisation
 * approaches 1. At most {@code queue_limit} of work waits; more is refused (503). The gateway gives up
 * after {@code timeout} (504). Overloaded for longer than {@code overload_grace}, the platform loses
 * {@code health_loss_per_minute} of its effective capacity a minute (exhausted DB and session pools,
 * thrashing) down to {@code health_floor}; it regains {@code health_gain_per_minute} only while offered
 * load stays below {@code recover_below} of its capacity. {@code routes} gives route classes a capacity of
 * their own behind the service's (the registration database may saturate before the service does).
 */
public record PlatformSettings(Double capacity, Duration baseLatency, Duration queueLimit, Duration timeout,
                               Duration overloadGrace, Double healthLossPerMinute, Double healthFloor,
                               Double recoverBelow, Double healthGainPerMinute, Map<RouteClass, Double> routes) implements Serializable {
    public PlatformSettings {
        routes = routes != null ? new EnumMap<>(routes) : new EnumMap<>(RouteClass.class);
        routes.forEach((r, c) -> {
            if (c == null || !(c > 0)) {
                throw new IllegalArgumentException("routes: capacity of " + r.label() + " must be a positive number of requests/s, got " + c);
            }
        });
        capacity = capacity != null ? capacity : 20_000.0;
        baseLatency = baseLatency != null ? baseLatency : Duration.ofMillis(40);
        queueLimit = queueLimit != null ? queueLimit : Duration.ofSeconds(10);
        timeout = timeout != null ? timeout : Duration.ofSeconds(5);
        overloadGrace = overloadGrace != null ? overloadGrace : Duration.ofSeconds(60);
        healthLossPerMinute = healthLossPerMinute != null ? healthLossPerMinute : 0.25;
        healthFloor = healthFloor != null ? healthFloor : 0.25;
        recoverBelow = recoverBelow != null ? recoverBelow : 0.7;
        healthGainPerMinute = healthGainPerMinute != null ? healthGainPerMinute : 0.2;
        if (!(capacity > 0)) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        if (baseLatency.isNegative() || baseLatency.isZero() || baseLatency.compareTo(timeout) >= 0) {
            throw new IllegalArgumentException("base_latency must be positive and below timeout");
        }
        if (queueLimit.isNegative() || timeout.isNegative() || timeout.isZero() || overloadGrace.isNegative()) {
            throw new IllegalArgumentException("queue_limit, timeout and overload_grace must not be negative");
        }
        if (!(healthFloor > 0 && healthFloor <= 1) || !(recoverBelow > 0 && recoverBelow < 1)) {
            throw new IllegalArgumentException("health_floor must lie in (0, 1] and recover_below in (0, 1)");
        }
        if (healthLossPerMinute < 0 || healthGainPerMinute <= 0) {
            throw new IllegalArgumentException("health_loss_per_minute must not be negative and health_gain_per_minute must be positive");
        }
    }

    /** The same platform with another capacity (a route class's queue behind the service's). */
    public PlatformSettings withCapacity(double newCapacity) {
        return new PlatformSettings(newCapacity, baseLatency, queueLimit, timeout, overloadGrace, healthLossPerMinute, healthFloor, recoverBelow,
                healthGainPerMinute, null);
    }

    public static PlatformSettings defaults() {
        return new PlatformSettings(null, null, null, null, null, null, null, null, null, null);
    }
}

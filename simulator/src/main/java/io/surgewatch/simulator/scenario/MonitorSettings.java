package io.surgewatch.simulator.scenario;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the monitoring believes about the platform, at full scale: its {@code modelled_capacity} and
 * that of route classes ({@code routes}). Left out, it believes the platform's own figures; set, a day
 * can be judged with a model that is wrong, as models are (Xi'an's platform was advertised at
 * 1.2 million scans a minute).
 */
public record MonitorSettings(Double modelledCapacity, Map<RouteClass, Double> routes) implements Serializable {
    public MonitorSettings {
        if (modelledCapacity != null && !(modelledCapacity > 0)) {
            throw new IllegalArgumentException("modelled_capacity must be a positive number of requests/s, got " + modelledCapacity);
        }
        routes = routes == null ? null : new EnumMap<>(routes);
        if (routes != null) {
            routes.forEach((r, c) -> {
                if (c == null || !(c > 0)) {
                    throw new IllegalArgumentException("routes: capacity of " + r.label() + " must be a positive number of requests/s, got " + c);
                }
            });
        }
    }

    public static MonitorSettings believePlatform() {
        return new MonitorSettings(null, null);
    }
}

package io.surgewatch.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The modelled capacity of each watched service in requests/s: what it was built and load-tested
 * for (the reference platform: 20,000/s, 1.2 million scans a minute), and optionally of route classes
 * within it (the registration endpoint may saturate its database long before the service does). The
 * detect job also learns an estimate from what it observes and reports it beside this one; the
 * decisions use this one.
 */
public record CapacityModel(Map<String, Double> services, Map<String, Map<String, Double>> routes) implements Serializable {
    public CapacityModel {
        services = services != null ? new TreeMap<>(services) : new TreeMap<>(Map.of("healthcode", 20_000.0));
        routes = routes != null ? new TreeMap<>(routes) : new TreeMap<>();
        for (Map.Entry<String, Map<String, Double>> service : routes.entrySet()) {
            if (!services.containsKey(service.getKey())) {
                throw new IllegalArgumentException("routes: '" + service.getKey() + "' is not one of the services " + services.keySet());
            }
            for (Map.Entry<String, Double> route : service.getValue().entrySet()) {
                if (!route.getKey().startsWith("/") || route.getValue() == null || !(route.getValue() > 0)) {
                    throw new IllegalArgumentException("routes: '" + route.getKey() + "' of '" + service.getKey()
                            + "' must be a route template starting with '/' with a positive capacity, got " + route.getValue());
                }
            }
        }
        for (Map.Entry<String, Double> e : services.entrySet()) {
            if (e.getValue() == null || !(e.getValue() > 0)) {
                throw new IllegalArgumentException("services: capacity of '" + e.getKey() + "' must be a positive number of requests/s, got "
                        + e.getValue());
            }
        }
    }

    public static CapacityModel defaults() {
        return new CapacityModel(null, null);
    }

    public static CapacityModel load(Path file) {
        return StrictYaml.load(file, CapacityModel.class);
    }

    /** Requests/s, or NaN for a service without a modelled capacity. */
    public double capacityOf(String service) {
        Double c = services.get(service);
        return c == null ? Double.NaN : c;
    }

    /** Requests/s of a route class ({@code *}: the service), or NaN where none is modelled. */
    public double capacityOf(String service, String route) {
        if ("*".equals(route)) {
            return capacityOf(service);
        }
        Double c = routes.getOrDefault(service, Map.of()).get(route);
        return c == null ? Double.NaN : c;
    }

    /** Every capacity times {@code factor}: a full-scale model judging a scaled-down replay. */
    public CapacityModel scaled(double factor) {
        Map<String, Double> s = new TreeMap<>();
        services.forEach((k, v) -> s.put(k, v * factor));
        Map<String, Map<String, Double>> r = new TreeMap<>();
        routes.forEach((service, classes) -> {
            Map<String, Double> c = new TreeMap<>();
            classes.forEach((k, v) -> c.put(k, v * factor));
            r.put(service, c);
        });
        return new CapacityModel(s, r);
    }

    public static CapacityModel of(String service, double capacity) {
        return new CapacityModel(Map.of(service, capacity), null);
    }
}

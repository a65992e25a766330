package io.surgewatch.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The modelled capacity of each watched service in requests/s: what it was built and load-tested
 * for (the reference platform: 20,000/s, 1.2 million scans a minute). The detect job also learns an
 * estimate from what it observes and reports it beside this one; the decisions use this one.
 */
public record CapacityModel(Map<String, Double> services) implements Serializable {
    public CapacityModel {
        services = services != null ? new TreeMap<>(services) : new TreeMap<>(Map.of("healthcode", 20_000.0));
        for (Map.Entry<String, Double> e : services.entrySet()) {
            if (e.getValue() == null || !(e.getValue() > 0)) {
                throw new IllegalArgumentException("services: capacity of '" + e.getKey() + "' must be a positive number of requests/s, got "
                        + e.getValue());
            }
        }
    }

    public static CapacityModel defaults() {
        return new CapacityModel(null);
    }

    public static CapacityModel load(Path file) {
        return StrictYaml.load(file, CapacityModel.class);
    }

    /** Requests/s, or NaN for a service without a modelled capacity. */
    public double capacityOf(String service) {
        Double c = services.get(service);
        return c == null ? Double.NaN : c;
    }

    public static CapacityModel of(String service, double capacity) {
        return new CapacityModel(Map.of(service, capacity));
    }
}

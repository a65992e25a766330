package io.surgewatch.config;

import java.time.Duration;

/**
 * How access-log lines are read. {@code nginx} lines carry no service name, so {@code service} names
 * the service they belong to; JSON lines may carry it in a field (see {@link JsonFieldMapping}).
 * {@code max_latency} bounds a line's request and upstream time (a day: no HTTP request a citizen
 * waits for takes longer; a larger value is a broken clock or a hostile line, not a slow request).
 * {@code max_services} caps the services JSON lines may name: beyond it they count under
 * {@code {other}}, so that a line cannot create keys without bound.
 */
public record AccessLogSettings(LogFormat format, String service, JsonFieldMapping json, RouteSettings routes,
                                Duration maxLatency, Integer maxServices) implements java.io.Serializable {
    public enum LogFormat { NGINX, JSON }

    public AccessLogSettings {
        format = format != null ? format : LogFormat.NGINX;
        service = service != null ? service : "healthcode";
        json = json != null ? json : JsonFieldMapping.defaults();
        routes = routes != null ? routes : RouteSettings.defaults();
        maxLatency = maxLatency != null ? maxLatency : Duration.ofDays(1);
        maxServices = maxServices != null ? maxServices : 50;
        if (!service.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("service: '" + service + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        Durations.requirePositive(maxLatency, "max_latency");
        if (maxServices < 1 || maxServices > 10_000) {
            throw new IllegalArgumentException("max_services must be between 1 and 10000, got " + maxServices);
        }
    }

    public static AccessLogSettings defaults() {
        return new AccessLogSettings(null, null, null, null, null, null);
    }
}

package io.surgewatch.config;

/**
 * How access-log lines are read. {@code nginx} lines carry no service name, so {@code service} names
 * the service they belong to; JSON lines may carry it in a field (see {@link JsonFieldMapping}).
 */
public record AccessLogSettings(LogFormat format, String service, JsonFieldMapping json, RouteSettings routes) implements java.io.Serializable {
    public enum LogFormat { NGINX, JSON }

    public AccessLogSettings {
        format = format != null ? format : LogFormat.NGINX;
        service = service != null ? service : "healthcode";
        json = json != null ? json : JsonFieldMapping.defaults();
        routes = routes != null ? routes : RouteSettings.defaults();
        if (!service.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("service: '" + service + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    public static AccessLogSettings defaults() {
        return new AccessLogSettings(null, null, null, null);
    }
}

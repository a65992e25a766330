package io.surgewatch.config;

/**
 * Which JSON field holds what, for JSON access logs (Envoy, Traefik, nginx {@code escape=json}, ...).
 * {@code path} may hold a bare path or a whole request line ({@code GET /x HTTP/1.1}).
 * Optional fields ({@code service}, {@code upstream_latency}, {@code bytes}, {@code region}, {@code site})
 * may be set to an empty string to say the logs do not carry them.
 */
public record JsonFieldMapping(String time, TimeFormat timeFormat, String service, String method, String path,
                               String status, String latency, LatencyUnit latencyUnit, String upstreamLatency,
                               String bytes, String region, String site) implements java.io.Serializable {
    public enum TimeFormat { ISO8601, EPOCH_SECONDS, EPOCH_MILLIS }

    public enum LatencyUnit { SECONDS, MILLISECONDS, MICROSECONDS }

    public JsonFieldMapping {
        time = required(time, "time", "time");
        timeFormat = timeFormat != null ? timeFormat : TimeFormat.ISO8601;
        service = service != null ? service : "service";
        method = required(method, "method", "method");
        path = required(path, "path", "path");
        status = required(status, "status", "status");
        latency = required(latency, "request_time", "latency");
        latencyUnit = latencyUnit != null ? latencyUnit : LatencyUnit.SECONDS;
        upstreamLatency = upstreamLatency != null ? upstreamLatency : "upstream_response_time";
        bytes = bytes != null ? bytes : "body_bytes_sent";
        region = region != null ? region : "region";
        site = site != null ? site : "site";
    }

    public static JsonFieldMapping defaults() {
        return new JsonFieldMapping(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static String required(String value, String fallback, String key) {
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(key + " must name a field: every access-log line needs it");
        }
        return value;
    }
}

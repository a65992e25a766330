package io.surgewatch.cli.traffic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.surgewatch.accesslog.NginxLineWriter;
import io.surgewatch.cli.traffic.SyntheticTraffic.Request;
import io.surgewatch.config.AccessLogSettings;
import io.surgewatch.config.SurgewatchConfig;

/** The two log formats the benchmark and the fuzz harness write: nginx's combined format with times, and JSON lines with nginx's field names. */
public enum LineFormat {
    NGINX(AccessLogSettings.LogFormat.NGINX),
    JSON(AccessLogSettings.LogFormat.JSON);

    private static final NginxLineWriter NGINX_WRITER = new NginxLineWriter(ZoneOffset.ofHours(8));

    public final AccessLogSettings.LogFormat logFormat;

    LineFormat(AccessLogSettings.LogFormat logFormat) {
        this.logFormat = logFormat;
    }

    public static LineFormat of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** {@code config} reading access-log lines of this format. */
    public SurgewatchConfig readBy(SurgewatchConfig config) {
        AccessLogSettings a = config.accessLog();
        return config.withAccessLog(new AccessLogSettings(logFormat, a.service(), a.json(), a.routes(), a.maxLatency(), a.maxServices()));
    }

    public String line(Request r, String service) {
        if (this == NGINX) {
            return NGINX_WRITER.line(r.client(), r.timestampMillis(), r.method(), r.path(), r.status(), r.bytes(), r.userAgent(), r.latencyMs(),
                    r.upstreamMs());
        }
        return String.format(Locale.ROOT, "{\"time\":\"%s\",\"service\":\"%s\",\"remote_addr\":\"%s\",\"method\":\"%s\",\"path\":\"%s\","
                        + "\"status\":%d,\"request_time\":%.3f,\"upstream_response_time\":\"%s\",\"body_bytes_sent\":%d,\"http_user_agent\":\"%s\"}",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(r.timestampMillis()).atOffset(ZoneOffset.ofHours(8))), service, r.client(), r.method(), r.path(), r.status(),
                r.latencyMs() / 1000, r.upstreamMs() < 0 ? "-" : String.format(Locale.ROOT, "%.3f", r.upstreamMs() / 1000), r.bytes(), r.userAgent());
    }

    public byte[] bytes(Request r, String service) {
        return line(r, service).getBytes(StandardCharsets.UTF_8);
    }
}

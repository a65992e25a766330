package io.surgewatch.accesslog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes an access-log line in exactly the {@code log_format} that {@link NginxLineParser} reads, for
 * the simulator, the demo, the benchmark and tests.
 */
public final class NginxLineWriter {
    private static final DateTimeFormatter TIME_LOCAL = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final ZoneOffset offset;

    public NginxLineWriter(ZoneOffset offset) {
        this.offset = offset;
    }

    /** One line; {@code upstreamMs < 0} writes nginx's {@code -} for "no upstream contacted". */
    public String line(String client, long timestampMillis, String method, String path, int status, long bytes,
                       String userAgent, double requestMs, double upstreamMs) {
        return client + " - - [" + TIME_LOCAL.format(Instant.ofEpochMilli(timestampMillis).atOffset(offset)) + "] \""
                + method + " " + path + " HTTP/1.1\" " + status + " " + bytes + " \"-\" \"" + userAgent + "\" "
                + seconds(requestMs) + " " + (upstreamMs < 0 ? "-" : seconds(upstreamMs));
    }

    private static String seconds(double ms) {
        long millis = Math.round(ms);
        return (millis / 1000) + "." + String.format(Locale.ROOT, "%03d", millis % 1000);
    }
}

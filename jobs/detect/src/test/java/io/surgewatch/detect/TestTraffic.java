package io.surgewatch.detect;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import io.surgewatch.accesslog.NginxLineWriter;

/**
 * Access-log lines for the pipeline tests, second by second from {@link #T0}: a latency (ms) and an
 * error share per second of event time, and a deterministic spread of latencies around that value.
 */
final class TestTraffic {
    static final Instant T0 = Instant.parse("2022-01-04T00:00:00Z");
    static final String ROUTE_PATH = "/api/code/";
    static final String ROUTE = "/api/code/{id}";

    private final NginxLineWriter writer = new NginxLineWriter(ZoneOffset.ofHours(8));
    private final List<byte[]> lines = new ArrayList<>();

    /** {@code perSecond} lines each second of {@code [fromSecond, toSecond)}. */
    TestTraffic add(int fromSecond, int toSecond, int perSecond, IntToDoubleFunction latencyMsAt, IntToDoubleFunction errorShareAt) {
        for (int s = fromSecond; s < toSecond; s++) {
            double latency = latencyMsAt.applyAsDouble(s);
            int errors = (int) Math.round(errorShareAt.applyAsDouble(s) * perSecond);
            for (int i = 0; i < perSecond; i++) {
                double spread = 0.7 + 0.6 * ((i * 37) % perSecond) / (double) perSecond;
                lines.add(line(s, i, latency * spread, i < errors ? 503 : 200));
            }
        }
        return this;
    }

    /** {@code countAt(s)} lines in each second s of {@code [fromSecond, toSecond)}, at normal latency, none failing. */
    TestTraffic addCounts(int fromSecond, int toSecond, java.util.function.IntUnaryOperator countAt) {
        for (int s = fromSecond; s < toSecond; s++) {
            int n = countAt.applyAsInt(s);
            for (int i = 0; i < n; i++) {
                lines.add(line(s, i, normalLatency(s), 200));
            }
        }
        return this;
    }

    TestTraffic addRaw(byte[] line) {
        lines.add(line);
        return this;
    }

    byte[] line(int second, int i, double latencyMs, int status) {
        return writer.line("10.0." + (i % 250) + ".1", T0.plusSeconds(second).toEpochMilli() + (i * 997L) % 1000, "GET",
                ROUTE_PATH + (100_000 + i), status, 512, "test", latencyMs, latencyMs * 0.9).getBytes(StandardCharsets.UTF_8);
    }

    List<byte[]> lines() {
        return lines;
    }

    static double normalLatency(int second) {
        return 50;
    }

    static double noErrors(int second) {
        return 0;
    }
}

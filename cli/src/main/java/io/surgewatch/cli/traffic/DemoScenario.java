package io.surgewatch.cli.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The demo's 40 minutes of event time on the morning of 4 January 2022 (08:00, Xi'an): normal
 * traffic, a latency spike from minute 10 to 14, an error burst from minute 22 to 26, a few garbage
 * lines a broken shipper might send, and normal traffic to the end so that both alerts resolve.
 */
public final class DemoScenario {
    public static final Instant START = Instant.parse("2022-01-04T00:00:00Z");
    public static final Duration LENGTH = Duration.ofMinutes(40);
    static final int REQUESTS_PER_SECOND = 40;
    static final byte[][] GARBAGE = {
        "this is not an access log line".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "10.0.0.1 - - [04/Jan/2022:08:15:00 +0800] \"GET /api/code/1 HTTP/1.1\" 2OO 12 \"-\" \"-\" 0.010 0.009".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "10.0.0.2 - - [04/Jan/2022:08:16:00 +0800] \"GET /api/code/2 HTTP/1.1\" 200 12 \"-\" \"-\"".getBytes(java.nio.charset.StandardCharsets.UTF_8),
    };

    private DemoScenario() {
    }

    /** Feeds every line, in event-time order, to {@code sink}; returns how many. */
    public static long generate(Consumer<byte[]> sink) {
        SyntheticTraffic traffic = new SyntheticTraffic(20220104L);
        long count = 0;
        for (long second = 0; second < LENGTH.toSeconds(); second++) {
            SyntheticTraffic.Condition condition = conditionAt(second);
            long t = START.plusSeconds(second).toEpochMilli();
            for (int i = 0; i < REQUESTS_PER_SECOND; i++) {
                sink.accept(traffic.line(t, condition));
                count++;
            }
            if (second % 600 == 300) {
                sink.accept(GARBAGE[(int) (second / 600) % GARBAGE.length]);
                count++;
            }
        }
        return count;
    }

    static SyntheticTraffic.Condition conditionAt(long second) {
        long minute = second / 60;
        if (minute >= 10 && minute < 14) {
            return new SyntheticTraffic.Condition(20, 0.002);
        }
        if (minute >= 22 && minute < 26) {
            return new SyntheticTraffic.Condition(1.2, 0.25);
        }
        return SyntheticTraffic.Condition.NORMAL;
    }
}

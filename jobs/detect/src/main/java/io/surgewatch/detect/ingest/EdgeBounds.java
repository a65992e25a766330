package io.surgewatch.detect.ingest;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.model.AccessLogEvent;

/**
 * What an input must satisfy, after unit conversion, before it may reach the job: the one place that
 * reads a wall clock, through an injected {@link Clock}. An input stamped more than
 * {@code max_future_skew} ahead of this machine's clock would carry the watermark past every later
 * input and make all of them late (one line dated 2099 blinded a partition until a restart); it is a
 * dead letter instead and moves nothing. Replays of past days are never ahead of the clock.
 * Latencies lie in [0, {@code max_latency}] and bytes are not negative (both parsers already refuse a
 * status outside 100-599 as they read it).
 */
public final class EdgeBounds implements Serializable {
    private final Clock clock;
    private final long maxFutureSkewMillis;
    private final double maxLatencyMs;

    public EdgeBounds(Clock clock, Duration maxFutureSkew, Duration maxLatency) {
        this.clock = clock;
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
        this.maxLatencyMs = maxLatency.toMillis();
    }

    public static EdgeBounds of(SurgewatchConfig config, Clock clock) {
        return new EdgeBounds(clock, config.detect().maxFutureSkew(), config.accessLog().maxLatency());
    }

    /** Why the event may not enter, or null if it may. */
    public String violation(AccessLogEvent e) {
        String future = fromTheFuture(e.timestampMillis());
        if (future != null) {
            return future;
        }
        if (!(e.latencyMs() >= 0 && e.latencyMs() <= maxLatencyMs)) {
            return "request time " + e.latencyMs() + " ms is outside [0, " + (long) maxLatencyMs + "] ms";
        }
        if (e.upstreamLatencyMs() != -1 && !(e.upstreamLatencyMs() >= 0 && e.upstreamLatencyMs() <= maxLatencyMs)) {
            return "upstream time " + e.upstreamLatencyMs() + " ms is outside [0, " + (long) maxLatencyMs + "] ms";
        }
        if (e.bytes() < 0) {
            return "bytes " + e.bytes() + " is negative";
        }
        return null;
    }

    /** Why an input stamped {@code eventMillis} is from the future, or null if it is not. */
    public String fromTheFuture(long eventMillis) {
        long now = clock.millis();
        if (eventMillis - now > maxFutureSkewMillis) {
            return "from the future: stamped " + Instant.ofEpochMilli(eventMillis) + ", more than " + maxFutureSkewMillis / 1000
                    + " s ahead of this machine's clock (" + Instant.ofEpochMilli(now) + ")";
        }
        return null;
    }
}

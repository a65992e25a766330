package io.surgewatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where the detect job writes its metrics for Grafana: an InfluxDB that answers {@code /api/v2/write}
 * (InfluxDB 1.8+, 2.x, 3.x, or 1.x behind the nginx mapping in the README). Without {@code url} nothing
 * is written. Points are sent in batches of {@code batch_size} at least every {@code flush_interval};
 * at most {@code buffer} points wait while InfluxDB is unreachable (beyond that the oldest are dropped
 * and counted): InfluxDB being down never slows detection. The token prints as {@code <secret>}.
 */
public record InfluxSettings(String url, String org, String bucket, String token, Integer batchSize, Duration flushInterval, Integer buffer)
        implements Serializable {
    public InfluxSettings {
        org = org != null ? org : "surgewatch";
        bucket = bucket != null ? bucket : "surgewatch";
        token = token != null ? token : "";
        batchSize = batchSize != null ? batchSize : 5000;
        flushInterval = flushInterval != null ? flushInterval : Duration.ofSeconds(1);
        buffer = buffer != null ? buffer : 100_000;
        if (url != null && !url.matches("https?://[^\\s/]+/?")) {
            throw new IllegalArgumentException("url: '" + url + "' is not an http(s)://host:port URL");
        }
        if (!bucket.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("bucket: '" + bucket + "' is not a bucket (database) name");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch_size: must lie in [1, 100000], got " + batchSize);
        }
        Durations.requirePositive(flushInterval, "flush_interval");
        if (buffer < batchSize) {
            throw new IllegalArgumentException("buffer (" + buffer + ") must hold at least one batch (" + batchSize + ")");
        }
    }

    public static InfluxSettings defaults() {
        return new InfluxSettings(null, null, null, null, null, null, null);
    }

    /** Writing to InfluxDB at all. */
    public boolean enabled() {
        return url != null;
    }

    public InfluxSettings at(String newUrl, String newOrg, String newBucket, String newToken) {
        return new InfluxSettings(newUrl, newOrg != null ? newOrg : org, newBucket != null ? newBucket : bucket,
                newToken != null ? newToken : token, batchSize, flushInterval, buffer);
    }

    @Override
    public String toString() {
        return "InfluxSettings[url=" + url + ", org=" + org + ", bucket=" + bucket + ", token=<secret>, batchSize=" + batchSize
                + ", flushInterval=" + flushInterval + ", buffer=" + buffer + "]";
    }
}

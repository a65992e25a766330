package io.surgewatch.model;

import java.util.Arrays;

/**
 * A mergeable latency sketch with 1% relative accuracy (the DDSketch scheme: logarithmic buckets),
 * so that per-route windows merge into per-service windows without keeping samples. Values are
 * milliseconds; values under {@link #MIN_TRACKED_MS} count as zero. Buckets are stored densely
 * between the lowest and highest index seen, which for one endpoint's latencies is a few hundred ints.
 *
 * <p>Getters and setters exist so that Flink serialises it as a POJO rather than through Kryo.
 */
public final class LatencySketch {
    public static final double RELATIVE_ACCURACY = 0.01;
    public static final double MIN_TRACKED_MS = 0.01;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    /**
     * The largest bucket: about 10^12 ms (30 years). The ingest edge already rejects latencies above
     * a day; this bound is the sketch's own defence, so that no value (Infinity, 1e308) can ask for a
     * bucket array of two billion ints and take the job down with it at every restart.
     */
    static final int MAX_INDEX = (int) Math.ceil(Math.log(1e12) / LOG_GAMMA);

    private long zeroCount;
    private int offset;
    private int[] counts = new int[0];
    private long count;
    private double maxMs;

    public void add(double latencyMs) {
        count++;
        if (!(latencyMs >= MIN_TRACKED_MS)) {
            // Also NaN: it counts, as nothing measurable.
            zeroCount++;
            if (latencyMs > maxMs) {
                maxMs = latencyMs;
            }
            return;
        }
        int index = (int) Math.min(MAX_INDEX, Math.ceil(Math.log(latencyMs) / LOG_GAMMA));
        if (index == MAX_INDEX) {
            latencyMs = Math.min(latencyMs, Math.pow(GAMMA, MAX_INDEX));
        }
        if (latencyMs > maxMs) {
            maxMs = latencyMs;
        }
        ensureCovers(index, index);
        counts[index - offset]++;
    }

    public void merge(LatencySketch other) {
        if (other.count == 0) {
            return;
        }
        count += other.count;
        zeroCount += other.zeroCount;
        maxMs = Math.max(maxMs, other.maxMs);
        if (other.counts.length == 0) {
            return;
        }
        ensureCovers(other.offset, other.offset + other.counts.length - 1);
        for (int i = 0; i < other.counts.length; i++) {
            counts[other.offset + i - offset] += other.counts[i];
        }
    }

    /** The latency at quantile {@code q} (0..1), within 1% of a true sample value; 0 when empty. */
    public double quantile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.floor(q * (count - 1));
        if (rank < zeroCount) {
            return 0;
        }
        long seen = zeroCount;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen > rank) {
                return Math.min(maxMs, 2 * Math.pow(GAMMA, offset + i) / (GAMMA + 1));
            }
        }
        return maxMs;
    }

    public LatencySketch copy() {
        LatencySketch c = new LatencySketch();
        c.merge(this);
        return c;
    }

    private void ensureCovers(int low, int high) {
        if (counts.length == 0) {
            offset = low;
            counts = new int[high - low + 1];
            return;
        }
        int currentHigh = offset + counts.length - 1;
        if (low >= offset && high <= currentHigh) {
            return;
        }
        int newLow = Math.min(low, offset);
        int newHigh = Math.max(high, currentHigh);
        int[] grown = new int[newHigh - newLow + 1];
        System.arraycopy(counts, 0, grown, offset - newLow, counts.length);
        counts = grown;
        offset = newLow;
    }

    public long getCount() {
        return count;
    }

    public void setCount(long count) {
        this.count = count;
    }

    public long getZeroCount() {
        return zeroCount;
    }

    public void setZeroCount(long zeroCount) {
        this.zeroCount = zeroCount;
    }

    public int getOffset() {
        return offset;
    }

    public void setOffset(int offset) {
        this.offset = offset;
    }

    public int[] getCounts() {
        return counts;
    }

    public void setCounts(int[] counts) {
        this.counts = counts;
    }

    public double getMaxMs() {
        return maxMs;
    }

    public void setMaxMs(double maxMs) {
        this.maxMs = maxMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencySketch s && s.count == count && s.zeroCount == zeroCount && s.offset == offset
                && s.maxMs == maxMs && Arrays.equals(s.counts, counts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencySketch[count=" + count + ", p50=" + quantile(0.5) + "ms, p99=" + quantile(0.99) + "ms]";
    }
}

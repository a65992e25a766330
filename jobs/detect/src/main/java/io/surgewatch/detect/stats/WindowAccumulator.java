package io.surgewatch.detect.stats;

import io.surgewatch.model.LatencySketch;

/** The running state of one window: the error count and the latency sketch (which also counts requests). A Flink POJO. */
public final class WindowAccumulator {
    private long errorCount;
    private LatencySketch sketch = new LatencySketch();

    public long getErrorCount() {
        return errorCount;
    }

    public void setErrorCount(long errorCount) {
        this.errorCount = errorCount;
    }

    public LatencySketch getSketch() {
        return sketch;
    }

    public void setSketch(LatencySketch sketch) {
        this.sketch = sketch;
    }

    WindowAccumulator mergeFrom(WindowAccumulator other) {
        errorCount += other.errorCount;
        sketch.merge(other.sketch);
        return this;
    }
}

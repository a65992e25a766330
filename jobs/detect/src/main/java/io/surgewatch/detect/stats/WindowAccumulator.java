package io.surgewatch.detect.stats;

import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.LatencySketch;
import io.surgewatch.model.SketchedCounts;

/** The running state of one window: the error count and the latency sketch (which also counts requests). A Flink POJO. */
public class WindowAccumulator implements SketchedCounts {
    private long errorCount;
    private LatencySketch sketch = new LatencySketch();

    void add(AccessLogEvent e) {
        sketch.add(e.latencyMs());
        if (e.isError()) {
            errorCount++;
        }
    }

    WindowAccumulator mergeFrom(SketchedCounts other) {
        errorCount += other.errorCount();
        sketch.merge(other.sketch());
        return this;
    }

    @Override
    public long errorCount() {
        return errorCount;
    }

    @Override
    public LatencySketch sketch() {
        return sketch;
    }

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
}

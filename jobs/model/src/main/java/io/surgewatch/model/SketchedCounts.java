package io.surgewatch.model;

/** Anything that holds a window's error count and latency sketch, so windows of any kind merge alike. */
public interface SketchedCounts {
    long errorCount();

    LatencySketch sketch();
}

package io.surgewatch.model;

/**
 * The statistics of one tumbling event-time window, for one route of a service or for the whole
 * service ({@code route = "*"}). Quantiles are read from the sketch when the window closes.
 */
public record WindowStats(String service, String route, long windowStartMillis, long windowEndMillis, long count,
                          long errorCount, double p50Ms, double p95Ms, double p99Ms, double maxMs, LatencySketch sketch)
        implements SketchedCounts {
    public static final String ALL_ROUTES = "*";

    public static WindowStats of(String service, String route, long start, long end, long errorCount, LatencySketch sketch) {
        return new WindowStats(service, route, start, end, sketch.getCount(), errorCount,
                sketch.quantile(0.50), sketch.quantile(0.95), sketch.quantile(0.99), sketch.getMaxMs(), sketch);
    }

    public double errorRatio() {
        return count == 0 ? 0 : (double) errorCount / count;
    }

    public double latencyQuantileMs(double q) {
        if (q == 0.5) {
            return p50Ms;
        }
        if (q == 0.95) {
            return p95Ms;
        }
        if (q == 0.99) {
            return p99Ms;
        }
        return sketch.quantile(q);
    }

    public boolean isServiceWide() {
        return ALL_ROUTES.equals(route);
    }
}

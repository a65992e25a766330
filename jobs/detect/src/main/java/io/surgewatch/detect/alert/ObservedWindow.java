package io.surgewatch.detect.alert;

import io.surgewatch.model.WindowStats;

/**
 * A window as the detectors see it: its statistics, the trailing latency baseline of its key (the
 * median of the previous windows' quantile), and for a service or route class with a modelled
 * capacity its {@link LoadView}. Unknown values are NaN.
 */
public record ObservedWindow(WindowStats stats, double latencyBaselineMs, LoadView load) {
    /**
     * The load view of a window: {@code utilisation} is offered requests/s over the effective
     * capacity; {@code secondsToSaturation} when the confident trend of offered load reaches it (0 once
     * it has, NaN when no trend is heading there); {@code estimatedCapacity} is learned from latency
     * against throughput, {@code unloadedLatencyMs} is the latency of the lightly loaded service;
     * {@code modelledCapacity} is the capacity model's and {@code effectiveCapacity} the one the job
     * judges by (the learned one where it is clearly lower).
     */
    public record LoadView(double utilisation, double secondsToSaturation, double estimatedCapacity, double unloadedLatencyMs,
                           double modelledCapacity, double effectiveCapacity) {
        static final LoadView NONE = new LoadView(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public static ObservedWindow of(WindowStats stats, double latencyBaselineMs) {
        return new ObservedWindow(stats, latencyBaselineMs, LoadView.NONE);
    }

    public ObservedWindow withLoad(LoadView newLoad) {
        return new ObservedWindow(stats, latencyBaselineMs, newLoad);
    }

    public boolean hasBaseline() {
        return !Double.isNaN(latencyBaselineMs);
    }

    /** Offered requests per second in this window. */
    public double offeredRps() {
        return stats.count() * 1000.0 / (stats.windowEndMillis() - stats.windowStartMillis());
    }

    public double utilisation() {
        return load.utilisation();
    }

    public double secondsToSaturation() {
        return load.secondsToSaturation();
    }

    public double estimatedCapacity() {
        return load.estimatedCapacity();
    }

    public double unloadedLatencyMs() {
        return load.unloadedLatencyMs();
    }

    /**
     * The utilisation the latency implies if the service queues as M/M/1, whose median latency is
     * {@code S / (1 - rho)}: {@code 1 - S / median}. It is the evidence that the queue is at its knee,
     * independent of what the capacity model believes. NaN without an unloaded latency.
     */
    public double queueingUtilisation() {
        double s = load.unloadedLatencyMs();
        return Double.isNaN(s) || stats.count() == 0 ? Double.NaN : Math.max(0, 1 - s / stats.p50Ms());
    }
}

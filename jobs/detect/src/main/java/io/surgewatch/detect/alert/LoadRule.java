package io.surgewatch.detect.alert;

import java.time.Duration;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.FallbackSettings;

/**
 * What the capacity detectors (CapacityPressure, SaturationForecast, LatencyKnee) share: they read the
 * fallback settings, judge only service windows that have a modelled capacity, and warn rather than
 * page: on their own they are foresight, not an outage; CollapseImminent pages.
 */
abstract class LoadRule implements AlertRule {
    protected final FallbackSettings f;
    protected final Duration window;
    private final String name;

    LoadRule(String name, DetectSettings detect) {
        this.name = name;
        this.f = detect.fallback();
        this.window = detect.window();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String severity() {
        return "warning";
    }

    /**
     * The modelled capacity and, once learned, the estimate beside it: an engineer sees at once whether
     * the platform is weaker than it was built to be.
     */
    @Override
    public java.util.SortedMap<String, String> details(ObservedWindow last) {
        java.util.SortedMap<String, String> d = new java.util.TreeMap<>();
        d.put("capacity_modelled_rps", String.format(java.util.Locale.ROOT, "%.0f", last.offeredRps() / last.utilisation()));
        if (!Double.isNaN(last.estimatedCapacity())) {
            d.put("capacity_estimated_rps", String.format(java.util.Locale.ROOT, "%.0f", last.estimatedCapacity()));
        }
        return d;
    }

    /** The service, or the service and route for a route class. */
    static String scope(ObservedWindow w) {
        return w.stats().isServiceWide() ? w.stats().service() : w.stats().service() + " " + w.stats().route();
    }

    /** Whether the window has a load view at all (a service or route class with a modelled capacity). */
    static boolean judged(ObservedWindow w) {
        return !Double.isNaN(w.utilisation());
    }
}

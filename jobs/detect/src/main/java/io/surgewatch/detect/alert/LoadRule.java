package io.surgewatch.detect.alert;

import java.time.Duration;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.FallbackSettings;
import io.surgewatch.config.rules.RuleDefinition;

/**
 * What the capacity detectors (CapacityPressure, SaturationForecast, LatencyKnee) share: they read the
 * fallback settings, judge only service windows (and route classes) that have a modelled capacity, and by
 * default warn rather than page: on their own they are foresight, not an outage; CollapseImminent pages.
 */
abstract class LoadRule implements AlertRule {
    protected final FallbackSettings f;
    protected final Duration window;
    private final RuleDefinition definition;

    /** The condition of a capacity rule is already folded into the fallback settings (see {@code RuleSet}). */
    LoadRule(RuleDefinition definition, DetectSettings detect) {
        this.definition = definition;
        this.f = detect.fallback();
        this.window = detect.window();
    }

    @Override
    public final String name() {
        return definition.alert();
    }

    @Override
    public final RuleDefinition definition() {
        return definition;
    }

    /** Utilisation as a person reads it. */
    static String percent(double ratio) {
        return String.format(java.util.Locale.ROOT, "%.0f%%", 100 * ratio);
    }

    /**
     * The modelled capacity, the effective one the job judges by and, once learned, the estimate beside
     * them: an engineer sees at once whether the platform is weaker than it was built to be.
     */
    @Override
    public java.util.SortedMap<String, String> details(ObservedWindow last) {
        java.util.SortedMap<String, String> d = new java.util.TreeMap<>();
        d.put("capacity_modelled_rps", String.format(java.util.Locale.ROOT, "%.0f", last.load().modelledCapacity()));
        d.put("capacity_effective_rps", String.format(java.util.Locale.ROOT, "%.0f", last.load().effectiveCapacity()));
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

package io.surgewatch.detect.alert;

import java.io.Serializable;
import java.time.Duration;

import java.util.SortedMap;

import io.surgewatch.config.rules.RuleDefinition;
import org.apache.flink.cep.pattern.Pattern;

/**
 * One detector: when a window breaches, when it counts as clear again, the onset pattern over
 * breaching windows, and how the alert reads to a person. Breach and clear are not complements:
 * a window can be neither (too few requests to judge, or inside the hysteresis band), and then it
 * neither advances an onset nor counts towards recovery.
 */
public interface AlertRule extends Serializable {
    String name();

    /** The rule as written in its file (or built in): severity, {@code for}, labels, annotation templates. */
    RuleDefinition definition();

    default String severity() {
        return definition().severity().label();
    }

    boolean breaches(ObservedWindow w);

    boolean clears(ObservedWindow w);

    /** The number the alert is about (a latency in ms, an error ratio). */
    double value(ObservedWindow w);

    /** The pattern over breaching windows whose match makes the alert fire. */
    Pattern<ObservedWindow, ObservedWindow> onsetPattern();

    /** How long windows must stay clear before a firing alert resolves, unless the rule sets {@code keep_firing_for}. */
    Duration clearAfter();

    /** {@code keep_firing_for} of the rule, else the detector's own clear time. */
    default Duration keepFiringFor() {
        return definition().keepFiringFor() != null ? definition().keepFiringFor() : clearAfter();
    }

    /**
     * The template variables of this detector for a window (see {@code RuleCatalog}); the common ones
     * (service, route, value, ...) are added by {@link RuleVariables}.
     */
    SortedMap<String, String> variables(ObservedWindow last);

    /** The number the alert is about, as a person reads it ({@code 4.23s}, {@code 96.6%}). */
    String formatValue(double value);

    String firingSummary(ObservedWindow last, int windows);

    String resolvedSummary(ObservedWindow last);

    String description();

    /** Further annotations for a firing alert (e.g. a predicted time); none by default. */
    default java.util.SortedMap<String, String> details(ObservedWindow last) {
        return new java.util.TreeMap<>();
    }
}

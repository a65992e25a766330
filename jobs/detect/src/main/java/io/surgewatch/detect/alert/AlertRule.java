package io.surgewatch.detect.alert;

import java.io.Serializable;
import java.time.Duration;

import org.apache.flink.cep.pattern.Pattern;

/**
 * One detector: when a window breaches, when it counts as clear again, the onset pattern over
 * breaching windows, and how the alert reads to a person. Breach and clear are not complements:
 * a window can be neither (too few requests to judge, or inside the hysteresis band), and then it
 * neither advances an onset nor counts towards recovery.
 */
public interface AlertRule extends Serializable {
    String name();

    String severity();

    boolean breaches(ObservedWindow w);

    boolean clears(ObservedWindow w);

    /** The number the alert is about (a latency in ms, an error ratio). */
    double value(ObservedWindow w);

    /** The pattern over breaching windows whose match makes the alert fire. */
    Pattern<ObservedWindow, ObservedWindow> onsetPattern();

    /** How long windows must stay clear before a firing alert resolves. */
    Duration clearAfter();

    String firingSummary(ObservedWindow last, int windows);

    String resolvedSummary(ObservedWindow last);

    String description();

    /** Further annotations for a firing alert (e.g. a predicted time); none by default. */
    default java.util.SortedMap<String, String> details(ObservedWindow last) {
        return new java.util.TreeMap<>();
    }
}

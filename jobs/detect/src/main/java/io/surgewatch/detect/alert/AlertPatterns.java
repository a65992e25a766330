package io.surgewatch.detect.alert;

import java.time.Duration;

import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The named CEP pattern factories. Every pattern skips past its last event after a match, so one
 * run of bad windows yields one match per {@code n} windows rather than one per window and start.
 */
public final class AlertPatterns {
    public static final String BREACH = "breach";
    public static final String CLEAR = "clear";

    private AlertPatterns() {
    }

    /** {@code n} breaching windows in a row. */
    public static Pattern<ObservedWindow, ObservedWindow> consecutiveBreaches(AlertRule rule, int n) {
        return Pattern.<ObservedWindow>begin(BREACH, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(rule::breaches))
                .times(n).consecutive();
    }

    /** {@code n} breaching windows among any {@code m} consecutive ones: the first and last lie less than {@code m} windows apart. */
    public static Pattern<ObservedWindow, ObservedWindow> breachesInWindows(AlertRule rule, int n, int m, Duration window) {
        return Pattern.<ObservedWindow>begin(BREACH, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(rule::breaches))
                .times(n)
                .within(window.multipliedBy(m));
    }

    /** Clear windows in a row for the rule's {@code clear_after}: the end of an alert. */
    public static Pattern<ObservedWindow, ObservedWindow> sustainedClear(AlertRule rule, int windows) {
        return Pattern.<ObservedWindow>begin(CLEAR, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(rule::clears))
                .times(windows).consecutive();
    }
}

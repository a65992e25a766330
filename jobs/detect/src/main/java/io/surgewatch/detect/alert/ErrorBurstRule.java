package io.surgewatch.detect.alert;

import java.time.Duration;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.ErrorBurstSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import org.apache.flink.cep.pattern.Pattern;

/** ErrorBurst: see {@link ErrorBurstSettings}. */
public final class ErrorBurstRule implements AlertRule {
    public static final String NAME = RuleCatalog.ERROR_BURST;

    private final RuleDefinition definition;
    private final ErrorBurstSettings s;
    private final Duration window;

    /** The rule's own condition, or {@code detect.error_burst} for a rule without one. */
    public ErrorBurstRule(RuleDefinition definition, DetectSettings detect) {
        this.definition = definition;
        this.s = definition.condition() instanceof ErrorBurstSettings own ? own : detect.errorBurst();
        this.window = detect.window();
    }

    /** The thresholds this rule judges by (its own condition or the built-in settings). */
    public ErrorBurstSettings settings() {
        return s;
    }

    @Override
    public RuleDefinition definition() {
        return definition;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A rule from a file says its severity; the built-in one takes {@code detect.error_burst.severity}. */
    @Override
    public String severity() {
        return (definition.condition() == null ? s.severity() : definition.severity()).label();
    }

    @Override
    public boolean breaches(ObservedWindow w) {
        return w.stats().count() >= s.minRequests() && value(w) >= s.ratio();
    }

    /** Only a window that shows the errors gone counts: a handful of requests that all fail is not recovery. */
    @Override
    public boolean clears(ObservedWindow w) {
        return value(w) < s.ratio();
    }

    @Override
    public double value(ObservedWindow w) {
        return w.stats().errorRatio();
    }

    @Override
    public Pattern<ObservedWindow, ObservedWindow> onsetPattern() {
        return AlertPatterns.breachesInWindows(this, s.windows(), s.outOf(), window);
    }

    @Override
    public Duration clearAfter() {
        return s.clearAfter();
    }

    @Override
    public String formatValue(double ratio) {
        return percent(ratio);
    }

    @Override
    public SortedMap<String, String> variables(ObservedWindow last) {
        SortedMap<String, String> v = new TreeMap<>();
        v.put("ratio", percent(s.ratio()));
        v.put("failed", Long.toString(last.stats().errorCount()));
        v.put("requests", Long.toString(last.stats().count()));
        v.put("out_of", Integer.toString(s.outOf()));
        v.put("min_requests", Long.toString(s.minRequests()));
        return v;
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    @Override
    public String firingSummary(ObservedWindow last, int windows) {
        return String.format(Locale.ROOT, "%s %s errors %.1f%% >= %.1f%% in %d of %d windows (%d of %d failed)",
                last.stats().service(), last.stats().route(), value(last) * 100, s.ratio() * 100, windows, s.outOf(),
                last.stats().errorCount(), last.stats().count());
    }

    @Override
    public String resolvedSummary(ObservedWindow last) {
        return String.format(Locale.ROOT, "%s %s errors back to %.1f%% (limit %.1f%%) for %ds", last.stats().service(),
                last.stats().route(), value(last) * 100, s.ratio() * 100, keepFiringFor().toSeconds());
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "At least %.1f%% of requests failed (5xx, 504 gateway timeout, 499 client gave up) "
                        + "in %d of %d consecutive %ds windows with at least %d requests each. Registrations and code displays are failing.",
                s.ratio() * 100, s.windows(), s.outOf(), window.toSeconds(), s.minRequests());
    }
}

package io.surgewatch.detect.alert;

import java.time.Duration;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.LatencySpikeSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import org.apache.flink.cep.pattern.Pattern;

/** LatencySpike: see {@link LatencySpikeSettings}. */
public final class LatencySpikeRule implements AlertRule {
    public static final String NAME = RuleCatalog.LATENCY_SPIKE;

    private final RuleDefinition definition;
    private final LatencySpikeSettings s;
    private final Duration window;
    private final double thresholdMs;

    /** The rule's own condition, or {@code detect.latency_spike} for a rule without one. */
    public LatencySpikeRule(RuleDefinition definition, DetectSettings detect) {
        this.definition = definition;
        this.s = definition.condition() instanceof LatencySpikeSettings own ? own : detect.latencySpike();
        this.window = detect.window();
        this.thresholdMs = s.threshold().toNanos() / 1e6;
    }

    @Override
    public RuleDefinition definition() {
        return definition;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A rule from a file says its severity; the built-in one takes {@code detect.latency_spike.severity}. */
    @Override
    public String severity() {
        return (definition.condition() == null ? s.severity() : definition.severity()).label();
    }

    @Override
    public boolean breaches(ObservedWindow w) {
        return w.stats().count() >= s.minRequests() && aboveLimit(w);
    }

    @Override
    public boolean clears(ObservedWindow w) {
        return !aboveLimit(w);
    }

    private boolean aboveLimit(ObservedWindow w) {
        double q = value(w);
        boolean relative = s.baselineFactor() > 0 && w.hasBaseline() && q > s.baselineFactor() * w.latencyBaselineMs();
        return q > thresholdMs || relative;
    }

    @Override
    public double value(ObservedWindow w) {
        return w.stats().latencyQuantileMs(s.quantile());
    }

    @Override
    public Pattern<ObservedWindow, ObservedWindow> onsetPattern() {
        return AlertPatterns.consecutiveBreaches(this, s.windows());
    }

    @Override
    public Duration clearAfter() {
        return s.clearAfter();
    }

    @Override
    public String formatValue(double ms) {
        return seconds(ms);
    }

    @Override
    public SortedMap<String, String> variables(ObservedWindow last) {
        SortedMap<String, String> v = new TreeMap<>();
        v.put("quantile", quantileName());
        v.put("threshold", seconds(thresholdMs));
        v.put("baseline", last.hasBaseline() ? seconds(last.latencyBaselineMs()) : "-");
        v.put("limit", limit(last));
        v.put("min_requests", Long.toString(s.minRequests()));
        return v;
    }

    private String limit(ObservedWindow last) {
        if (s.baselineFactor() > 0 && last.hasBaseline() && value(last) <= thresholdMs) {
            return String.format(Locale.ROOT, "%.1fx baseline %s", s.baselineFactor(), seconds(last.latencyBaselineMs()));
        }
        return seconds(thresholdMs);
    }

    @Override
    public String firingSummary(ObservedWindow last, int windows) {
        return String.format(Locale.ROOT, "%s %s %s %s > %s for %d windows of %ds", last.stats().service(), last.stats().route(),
                quantileName(), seconds(value(last)), limit(last), windows, window.toSeconds());
    }

    @Override
    public String resolvedSummary(ObservedWindow last) {
        return String.format(Locale.ROOT, "%s %s %s back to %s (limit %s) for %ds", last.stats().service(), last.stats().route(),
                quantileName(), seconds(value(last)), seconds(thresholdMs), keepFiringFor().toSeconds());
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "The %s request latency stayed above %s%s in %d consecutive %ds windows with at least %d requests each. "
                        + "Citizens wait at the gate; at the knee of the latency curve collapse follows within minutes.",
                quantileName(), seconds(thresholdMs),
                s.baselineFactor() > 0 ? String.format(Locale.ROOT, " or %.1fx its trailing baseline", s.baselineFactor()) : "",
                s.windows(), window.toSeconds(), s.minRequests());
    }

    private String quantileName() {
        double pct = s.quantile() * 100;
        return pct == Math.rint(pct) ? "p" + (int) pct : "p" + pct;
    }

    static String seconds(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2fs", ms / 1000) : String.format(Locale.ROOT, "%.0fms", ms);
    }
}

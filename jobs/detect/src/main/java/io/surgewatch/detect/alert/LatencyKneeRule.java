package io.surgewatch.detect.alert;

import java.time.Duration;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import org.apache.flink.cep.pattern.Pattern;

/**
 * LatencyKnee: the median latency is {@code knee_factor} times the service's unloaded latency or
 * more while utilisation is at least {@code knee_utilisation}: the queue is past the knee of its
 * curve, where a little more load costs a lot more waiting. Two windows in a row.
 */
public final class LatencyKneeRule extends LoadRule {
    public static final String NAME = RuleCatalog.LATENCY_KNEE;
    private static final int WINDOWS = 2;

    public LatencyKneeRule(RuleDefinition definition, DetectSettings detect) {
        super(definition, detect);
    }

    @Override
    public boolean breaches(ObservedWindow w) {
        return w.utilisation() >= f.kneeUtilisation() && value(w) >= f.kneeFactor();
    }

    /**
     * Back below three quarters of the factor, with few errors: while the platform refuses most
     * requests at once (503 in a millisecond) the median is low, but that is not recovery.
     */
    @Override
    public boolean clears(ObservedWindow w) {
        return judged(w) && !(value(w) >= f.kneeFactor() * 0.75) && w.stats().errorRatio() < 0.05;
    }

    /** The median latency as a multiple of the unloaded one. */
    @Override
    public double value(ObservedWindow w) {
        return w.stats().p50Ms() / w.unloadedLatencyMs();
    }

    @Override
    public Pattern<ObservedWindow, ObservedWindow> onsetPattern() {
        return AlertPatterns.consecutiveBreaches(this, WINDOWS);
    }

    @Override
    public Duration clearAfter() {
        return window.multipliedBy(WINDOWS * 3L);
    }

    @Override
    public String formatValue(double factor) {
        return String.format(Locale.ROOT, "%.1fx", factor);
    }

    @Override
    public SortedMap<String, String> variables(ObservedWindow last) {
        SortedMap<String, String> v = new TreeMap<>();
        v.put("utilisation", percent(last.utilisation()));
        v.put("median", String.format(Locale.ROOT, "%.0fms", last.stats().p50Ms()));
        v.put("unloaded", String.format(Locale.ROOT, "%.0fms", last.unloadedLatencyMs()));
        v.put("factor", String.format(Locale.ROOT, "%.1f", value(last)));
        v.put("knee_factor", String.format(Locale.ROOT, "%.1f", f.kneeFactor()));
        return v;
    }

    @Override
    public String firingSummary(ObservedWindow last, int n) {
        return String.format(Locale.ROOT, "%s median latency %.0fms, %.1fx unloaded, at %.0f%% of capacity", scope(last),
                last.stats().p50Ms(), value(last), 100 * last.utilisation());
    }

    @Override
    public String resolvedSummary(ObservedWindow last) {
        return String.format(Locale.ROOT, "%s median latency back to %.1fx unloaded", scope(last), value(last));
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "The median latency rose to %.1f times the unloaded latency while utilisation was at least %.0f%%: "
                + "past the knee, every further request waits disproportionately.", f.kneeFactor(), 100 * f.kneeUtilisation());
    }
}

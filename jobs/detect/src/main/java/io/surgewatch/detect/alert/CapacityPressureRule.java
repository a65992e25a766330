package io.surgewatch.detect.alert;

import java.time.Duration;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.Durations;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import org.apache.flink.cep.pattern.Pattern;

/**
 * CapacityPressure: offered load at or above {@code pressure} of the modelled capacity for
 * {@code pressure_for}. It clears once load is back under 90% of that threshold.
 */
public final class CapacityPressureRule extends LoadRule {
    public static final String NAME = RuleCatalog.CAPACITY_PRESSURE;

    private final int windows;

    public CapacityPressureRule(RuleDefinition definition, DetectSettings detect) {
        super(definition, detect);
        this.windows = detect.windowsIn(f.pressureFor());
    }

    @Override
    public boolean breaches(ObservedWindow w) {
        return w.utilisation() >= f.pressure();
    }

    @Override
    public boolean clears(ObservedWindow w) {
        return w.utilisation() < 0.9 * f.pressure();
    }

    @Override
    public double value(ObservedWindow w) {
        return w.utilisation();
    }

    @Override
    public Pattern<ObservedWindow, ObservedWindow> onsetPattern() {
        return AlertPatterns.consecutiveBreaches(this, windows);
    }

    @Override
    public Duration clearAfter() {
        return window.multipliedBy(windows);
    }

    @Override
    public String formatValue(double utilisation) {
        return percent(utilisation);
    }

    @Override
    public SortedMap<String, String> variables(ObservedWindow last) {
        SortedMap<String, String> v = new TreeMap<>();
        v.put("utilisation", percent(last.utilisation()));
        v.put("offered_rps", String.format(Locale.ROOT, "%.0f", last.offeredRps()));
        v.put("capacity_rps", String.format(Locale.ROOT, "%.0f", last.offeredRps() / last.utilisation()));
        v.put("pressure", percent(f.pressure()));
        v.put("sustained", Durations.format(f.pressureFor()));
        return v;
    }

    @Override
    public String firingSummary(ObservedWindow last, int n) {
        return String.format(Locale.ROOT, "%s at %.0f%% of capacity (%.0f of %.0f requests/s) for %ds", scope(last),
                100 * value(last), last.offeredRps(), last.offeredRps() / value(last), n * window.toSeconds());
    }

    @Override
    public String resolvedSummary(ObservedWindow last) {
        return String.format(Locale.ROOT, "%s back to %.0f%% of capacity", scope(last), 100 * value(last));
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "Offered load (first attempts and retries) stayed at or above %.0f%% of the modelled capacity "
                + "for %ds. Queues build up from here; a retry storm can tip the platform over.", 100 * f.pressure(), f.pressureFor().toSeconds());
    }
}

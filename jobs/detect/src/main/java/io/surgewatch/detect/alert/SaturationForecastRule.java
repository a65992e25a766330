package io.surgewatch.detect.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SortedMap;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import org.apache.flink.cep.pattern.Pattern;

/**
 * SaturationForecast: the confident trend of offered load ({@link LoadForecast}) reaches the effective capacity within the
 * {@code horizon}, seen in three windows in a row at half of capacity or more (a rising night is no
 * news). The alert carries the predicted time.
 */
public final class SaturationForecastRule extends LoadRule {
    public static final String NAME = RuleCatalog.SATURATION_FORECAST;
    private static final int WINDOWS = 3;


    public SaturationForecastRule(RuleDefinition definition, DetectSettings detect) {
        super(definition, detect);
    }

    @Override
    public boolean breaches(ObservedWindow w) {
        return w.utilisation() >= 0.5 && w.secondsToSaturation() <= f.horizon().toSeconds();
    }

    @Override
    public boolean clears(ObservedWindow w) {
        return judged(w) && !(w.secondsToSaturation() <= f.horizon().toSeconds());
    }

    @Override
    public double value(ObservedWindow w) {
        return w.secondsToSaturation();
    }

    @Override
    public Pattern<ObservedWindow, ObservedWindow> onsetPattern() {
        return AlertPatterns.consecutiveBreaches(this, WINDOWS);
    }

    @Override
    public Duration clearAfter() {
        return window.multipliedBy(WINDOWS * 2L);
    }

    @Override
    public String formatValue(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }

    @Override
    public SortedMap<String, String> variables(ObservedWindow last) {
        SortedMap<String, String> v = new java.util.TreeMap<>();
        v.put("utilisation", percent(last.utilisation()));
        v.put("seconds_to_capacity", String.format(Locale.ROOT, "%.0f", value(last)));
        v.put("predicted_saturation_at", predictedAt(last));
        v.put("horizon", io.surgewatch.config.Durations.format(f.horizon()));
        return v;
    }

    @Override
    public String firingSummary(ObservedWindow last, int n) {
        return String.format(Locale.ROOT, "%s reaches capacity in %s at the current trend (now %.0f%%)", scope(last), formatValue(value(last)),
                100 * last.utilisation());
    }

    private String predictedAt(ObservedWindow last) {
        return Instant.ofEpochMilli(last.stats().windowEndMillis() + Math.round(value(last) * 1000)).toString();
    }

    @Override
    public String resolvedSummary(ObservedWindow last) {
        return String.format(Locale.ROOT, "%s no longer heading for capacity (now %.0f%%)", scope(last), 100 * last.utilisation());
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "The trend of offered load (over the last minute, %d windows or %d minutes, each counted by its 99%% "
                + "lower confidence bound) reaches the effective capacity within %d minutes.", f.trendWindows(), 2 * f.horizon().toMinutes(),
                f.horizon().toMinutes());
    }

    @Override
    public SortedMap<String, String> details(ObservedWindow last) {
        SortedMap<String, String> d = super.details(last);
        d.put("predicted_saturation_at", predictedAt(last));
        return d;
    }
}

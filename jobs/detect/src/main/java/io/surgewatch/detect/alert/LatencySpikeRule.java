package io.surgewatch.detect.alert;

import java.time.Duration;
import java.util.Locale;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.LatencySpikeSettings;
import org.apache.flink.cep.pattern.Pattern;

/** LatencySpike: see {@link LatencySpikeSettings}. */
public final class LatencySpikeRule implements AlertRule {
    public static final String NAME = "LatencySpike";

    private final LatencySpikeSettings s;
    private final Duration window;
    private final double thresholdMs;

    public LatencySpikeRule(LatencySpikeSettings settings, DetectSettings detect) {
        this.s = settings;
        this.window = detect.window();
        this.thresholdMs = settings.threshold().toNanos() / 1e6;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String severity() {
        return s.severity().label();
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
    public String firingSummary(ObservedWindow last, int windows) {
        String limit = seconds(thresholdMs);
        if (s.baselineFactor() > 0 && last.hasBaseline() && value(last) <= thresholdMs) {
            limit = String.format(Locale.ROOT, "%.1fx baseline %s", s.baselineFactor(), seconds(last.latencyBaselineMs()));
        }
        return String.format(Locale.ROOT, "%s %s %s %s > %s for %d windows of %ds", last.stats().service(), last.stats().route(),
                quantileName(), seconds(value(last)), limit, windows, window.toSeconds());
    }

    @Override
    public String resolvedSummary(ObservedWindow last) {
        return String.format(Locale.ROOT, "%s %s %s back to %s (limit %s) for %ds", last.stats().service(), last.stats().route(),
                quantileName(), seconds(value(last)), seconds(thresholdMs), s.clearAfter().toSeconds());
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

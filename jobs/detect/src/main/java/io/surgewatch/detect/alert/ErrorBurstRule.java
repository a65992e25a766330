package io.surgewatch.detect.alert;

import java.time.Duration;
import java.util.Locale;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.ErrorBurstSettings;
import org.apache.flink.cep.pattern.Pattern;

/** ErrorBurst: see {@link ErrorBurstSettings}. */
public final class ErrorBurstRule implements AlertRule {
    public static final String NAME = "ErrorBurst";

    private final ErrorBurstSettings s;
    private final Duration window;

    public ErrorBurstRule(ErrorBurstSettings settings, DetectSettings detect) {
        this.s = settings;
        this.window = detect.window();
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
    public String firingSummary(ObservedWindow last, int windows) {
        return String.format(Locale.ROOT, "%s %s errors %.1f%% >= %.1f%% in %d of %d windows (%d of %d failed)",
                last.stats().service(), last.stats().route(), value(last) * 100, s.ratio() * 100, windows, s.outOf(),
                last.stats().errorCount(), last.stats().count());
    }

    @Override
    public String resolvedSummary(ObservedWindow last) {
        return String.format(Locale.ROOT, "%s %s errors back to %.1f%% (limit %.1f%%) for %ds", last.stats().service(),
                last.stats().route(), value(last) * 100, s.ratio() * 100, s.clearAfter().toSeconds());
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "At least %.1f%% of requests failed (5xx, 504 gateway timeout, 499 client gave up) "
                        + "in %d of %d consecutive %ds windows with at least %d requests each. Registrations and code displays are failing.",
                s.ratio() * 100, s.windows(), s.outOf(), window.toSeconds(), s.minRequests());
    }
}

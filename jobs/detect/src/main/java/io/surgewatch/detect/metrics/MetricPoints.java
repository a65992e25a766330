package io.surgewatch.detect.metrics;

import io.surgewatch.config.CapacityModel;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.metrics.MetricPoint;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.WindowStats;

/**
 * What the detect job tells InfluxDB, one measurement per kind of number the detectors reason about
 * (the schema is a table in the README). Every point is stamped with its event time.
 */
public final class MetricPoints {
    public static final String WINDOW_STATS = "window_stats";
    public static final String CAPACITY = "capacity";
    public static final String PROBE = "probe";
    public static final String ALERT = "alert";
    public static final String FALLBACK = "fallback";

    private MetricPoints() {
    }

    /** Per service (route {@code *}) and route: request rate, error ratio and latency quantiles of a window. */
    public static MetricPoint window(WindowStats s) {
        double seconds = (s.windowEndMillis() - s.windowStartMillis()) / 1000.0;
        return MetricPoint.of(WINDOW_STATS, s.windowStartMillis())
                .tag("service", s.service()).tag("route", s.route())
                .field("requests", s.count()).field("errors", s.errorCount())
                .field("rps", s.count() / seconds).field("error_ratio", s.errorRatio())
                .field("p50_ms", s.p50Ms()).field("p95_ms", s.p95Ms()).field("p99_ms", s.p99Ms()).field("max_ms", s.maxMs());
    }

    /** Per service: offered load and goodput against the modelled and the learned capacity, and the forecast. */
    public static MetricPoint capacity(ObservedWindow w, CapacityModel model) {
        WindowStats s = w.stats();
        double seconds = (s.windowEndMillis() - s.windowStartMillis()) / 1000.0;
        return MetricPoint.of(CAPACITY, s.windowStartMillis())
                .tag("service", s.service())
                .field("offered_rps", w.offeredRps()).field("goodput_rps", (s.count() - s.errorCount()) / seconds)
                .field("capacity_rps", model.capacityOf(s.service())).field("effective_capacity_rps", w.load().effectiveCapacity())
                .field("utilisation", w.utilisation())
                .field("estimated_capacity_rps", w.estimatedCapacity()).field("seconds_to_saturation", w.secondsToSaturation())
                .field("unloaded_latency_ms", w.unloadedLatencyMs());
    }

    /** Per probe run: its time, phases and whether it failed, tagged by where it ran and how it ended. */
    public static MetricPoint probe(ProbeResult r) {
        return MetricPoint.of(PROBE, r.startedAtMillis())
                .tag("probe", r.probeId()).tag("service", r.service()).tag("location", r.location()).tag("region", r.region())
                .tag("step", r.step()).tag("outcome", r.outcome().label())
                .field("duration_ms", r.durationMs()).field("failed", r.failed() ? 1 : 0).field("status", r.status())
                .field("dns_ms", positive(r.phases().dnsMs())).field("connect_ms", positive(r.phases().connectMs()))
                .field("tls_ms", positive(r.phases().tlsMs())).field("first_byte_ms", positive(r.phases().firstByteMs()));
    }

    /** Per alert transition, at the moment it happened: for Grafana's annotations and the firing-alerts panels. */
    public static MetricPoint alert(AlertEvent a) {
        boolean firing = a.state() == AlertState.FIRING;
        return MetricPoint.of(ALERT, firing || a.endsAtMillis() == 0 ? a.startsAtMillis() : a.endsAtMillis())
                .tag("alertname", a.rule()).tag("severity", a.severity()).tag("service", a.label(AlertEvent.LABEL_SERVICE))
                .tag("route", a.label(AlertEvent.LABEL_ROUTE)).tag("state", a.state().label())
                .field("firing", firing ? 1 : 0).field("value", a.value())
                .text("summary", a.annotations().getOrDefault("summary", a.rule())).text("fingerprint", a.fingerprint());
    }

    /** Per fallback decision: 1 from ENTER (ID-card registration), 0 from EXIT (code scanning). */
    public static MetricPoint fallback(FallbackDecision d) {
        boolean enter = d.action() == FallbackDecision.Action.ENTER;
        return MetricPoint.of(FALLBACK, d.decidedAtMillis())
                .tag("scope", d.scope()).tag("action", d.action().name())
                .field("active", enter ? 1 : 0)
                .text("reason", d.reason());
    }

    private static double positive(double ms) {
        return ms >= 0 ? ms : Double.NaN;
    }
}

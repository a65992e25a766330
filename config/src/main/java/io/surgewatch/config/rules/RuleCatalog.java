package io.surgewatch.config.rules;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.surgewatch.config.Severity;

/**
 * The detectors a rule can name, their usual severity, and the template variables each offers to
 * its annotations. The detect job's rules fill exactly these variables (a test holds them to it).
 */
public final class RuleCatalog {
    public static final String LATENCY_SPIKE = "LatencySpike";
    public static final String ERROR_BURST = "ErrorBurst";
    public static final String CAPACITY_PRESSURE = "CapacityPressure";
    public static final String SATURATION_FORECAST = "SaturationForecast";
    public static final String LATENCY_KNEE = "LatencyKnee";
    public static final String COLLAPSE_IMMINENT = "CollapseImminent";
    public static final String PROBE_FAILURES = "ProbeFailures";
    public static final String PROBE_LATENCY = "ProbeLatency";

    /** Offered by every probe-based alert: {@code route} is {@code probe:<id>}. */
    public static final Set<String> PROBE_COMMON = Set.of("alertname", "severity", "service", "route", "scope", "value", "probe",
            "locations", "runs");

    /** Detectors over probe results rather than windows of access logs. */
    public static final Set<String> PROBE_ALERTS = Set.of(PROBE_FAILURES, PROBE_LATENCY);

    /** Offered by every window-based alert. */
    public static final Set<String> COMMON = Set.of("alertname", "severity", "service", "route", "scope", "value", "windows",
            "window", "keep_firing_for");

    private static final Map<String, Set<String>> SPECIFIC = Map.of(
            LATENCY_SPIKE, Set.of("quantile", "threshold", "limit", "baseline", "min_requests"),
            ERROR_BURST, Set.of("ratio", "failed", "requests", "out_of", "min_requests"),
            CAPACITY_PRESSURE, Set.of("utilisation", "offered_rps", "capacity_rps", "pressure", "sustained"),
            SATURATION_FORECAST, Set.of("utilisation", "seconds_to_capacity", "predicted_saturation_at", "horizon"),
            LATENCY_KNEE, Set.of("utilisation", "median", "unloaded", "factor", "knee_factor"),
            COLLAPSE_IMMINENT, Set.of("reason"),
            PROBE_FAILURES, Set.of("failing_step", "outcome", "failure", "consecutive", "min_locations", "within"),
            PROBE_LATENCY, Set.of("budget", "slow_runs", "out_of"));

    private static final Map<String, Severity> SEVERITY = Map.of(LATENCY_SPIKE, Severity.CRITICAL, ERROR_BURST, Severity.CRITICAL,
            CAPACITY_PRESSURE, Severity.WARNING, SATURATION_FORECAST, Severity.WARNING, LATENCY_KNEE, Severity.WARNING,
            COLLAPSE_IMMINENT, Severity.CRITICAL, PROBE_FAILURES, Severity.CRITICAL, PROBE_LATENCY, Severity.WARNING);

    /** Detectors of which a rule set holds at most one rule: they share the fallback's settings. */
    public static final Set<String> SINGLE = Set.of(CAPACITY_PRESSURE, SATURATION_FORECAST, LATENCY_KNEE, COLLAPSE_IMMINENT);

    private RuleCatalog() {
    }

    public static Set<String> alerts() {
        return new TreeSet<>(SPECIFIC.keySet());
    }

    public static Severity defaultSeverity(String alert) {
        return SEVERITY.get(alert);
    }

    /** The template variables of an alert. CollapseImminent has no windows of its own: service, scope and reason. */
    public static Set<String> variables(String alert) {
        Set<String> vars = new TreeSet<>(SPECIFIC.get(alert));
        if (PROBE_ALERTS.contains(alert)) {
            vars.addAll(PROBE_COMMON);
        } else if (COLLAPSE_IMMINENT.equals(alert)) {
            vars.addAll(Set.of("alertname", "severity", "service", "scope"));
        } else {
            vars.addAll(COMMON);
        }
        return vars;
    }
}

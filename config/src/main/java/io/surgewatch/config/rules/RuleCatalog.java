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
    public static final String TRAFFIC_DROP = "TrafficDrop";
    public static final String LOGS_MISSING = "LogsMissing";
    public static final String COMPONENT_DOWN = "ComponentDown";
    public static final String WATCHDOG = "Watchdog";

    /** Detectors over whether lines come at all, per service: route {@code *}. */
    public static final Set<String> TRAFFIC_ALERTS = Set.of(TRAFFIC_DROP, LOGS_MISSING);

    /** Detectors over surgewatch's own services (heartbeats; the detect job's own Watchdog): service is the component, route {@code *}. */
    public static final Set<String> COMPONENT_ALERTS = Set.of(COMPONENT_DOWN, WATCHDOG);

    /** Offered by every probe-based alert: {@code route} is {@code probe:<id>}. */
    public static final Set<String> PROBE_COMMON = Set.of("alertname", "severity", "service", "route", "scope", "value", "probe",
            "locations", "runs");

    /** Detectors over probe results rather than windows of access logs. */
    public static final Set<String> PROBE_ALERTS = Set.of(PROBE_FAILURES, PROBE_LATENCY);

    /** Offered by every window-based alert. */
    public static final Set<String> COMMON = Set.of("alertname", "severity", "service", "route", "scope", "value", "windows",
            "window", "keep_firing_for");

    private static final Map<String, Set<String>> SPECIFIC = Map.ofEntries(
            Map.entry(TRAFFIC_DROP, Set.of("observed_rps", "expected_rps", "share", "silent_for", "probes")),
            Map.entry(LOGS_MISSING, Set.of("silent_for", "source", "probes")),
            Map.entry(COMPONENT_DOWN, Set.of("component", "instance", "last_beat", "timeout")),
            Map.entry(WATCHDOG, Set.of("every")),
            Map.entry(LATENCY_SPIKE, Set.of("quantile", "threshold", "limit", "baseline", "min_requests")),
            Map.entry(ERROR_BURST, Set.of("ratio", "failed", "requests", "out_of", "min_requests")),
            Map.entry(CAPACITY_PRESSURE, Set.of("utilisation", "offered_rps", "capacity_rps", "pressure", "sustained")),
            Map.entry(SATURATION_FORECAST, Set.of("utilisation", "seconds_to_capacity", "predicted_saturation_at", "horizon")),
            Map.entry(LATENCY_KNEE, Set.of("utilisation", "median", "unloaded", "factor", "knee_factor")),
            Map.entry(COLLAPSE_IMMINENT, Set.of("reason")),
            Map.entry(PROBE_FAILURES, Set.of("failing_step", "outcome", "failure", "consecutive", "min_locations", "within")),
            Map.entry(PROBE_LATENCY, Set.of("budget", "slow_runs", "out_of")));
    private static final Map<String, Severity> SEVERITY = Map.ofEntries(Map.entry(TRAFFIC_DROP, Severity.CRITICAL),
            Map.entry(LOGS_MISSING, Severity.WARNING), Map.entry(COMPONENT_DOWN, Severity.CRITICAL), Map.entry(LATENCY_SPIKE, Severity.CRITICAL),
            Map.entry(ERROR_BURST, Severity.CRITICAL), Map.entry(CAPACITY_PRESSURE, Severity.WARNING), Map.entry(SATURATION_FORECAST, Severity.WARNING),
            Map.entry(LATENCY_KNEE, Severity.WARNING), Map.entry(COLLAPSE_IMMINENT, Severity.CRITICAL), Map.entry(PROBE_FAILURES, Severity.CRITICAL),
            Map.entry(PROBE_LATENCY, Severity.WARNING), Map.entry(WATCHDOG, Severity.INFO));

    /** Detectors of which a rule set holds at most one rule: they share the fallback's settings. */
    public static final Set<String> SINGLE = Set.of(CAPACITY_PRESSURE, SATURATION_FORECAST, LATENCY_KNEE, COLLAPSE_IMMINENT, TRAFFIC_DROP,
            LOGS_MISSING, COMPONENT_DOWN, WATCHDOG);

    private RuleCatalog() {
    }

    public static Set<String> alerts() {
        return new TreeSet<>(SPECIFIC.keySet());
    }

    public static Severity defaultSeverity(String alert) {
        return SEVERITY.get(alert);
    }

    /** The template variables of an alert. CollapseImminent, TrafficDrop and LogsMissing have no windows of their own. */
    public static Set<String> variables(String alert) {
        Set<String> vars = new TreeSet<>(SPECIFIC.get(alert));
        if (PROBE_ALERTS.contains(alert)) {
            vars.addAll(PROBE_COMMON);
        } else if (COLLAPSE_IMMINENT.equals(alert) || TRAFFIC_ALERTS.contains(alert) || COMPONENT_ALERTS.contains(alert)) {
            vars.addAll(Set.of("alertname", "severity", "service", "scope"));
        } else {
            vars.addAll(COMMON);
        }
        return vars;
    }
}

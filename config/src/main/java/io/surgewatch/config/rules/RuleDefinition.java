package io.surgewatch.config.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.surgewatch.config.Durations;
import io.surgewatch.config.ErrorBurstSettings;
import io.surgewatch.config.LatencySpikeSettings;
import io.surgewatch.config.Severity;

/**
 * One alerting rule: its stable {@code name} (default: detector and severity, e.g.
 * {@code LatencySpike-critical}; the job's operator ids and so its savepoint state follow it, so that
 * changed labels or thresholds keep the state), which detector ({@code alert}), how urgent, how long its condition must hold
 * before it fires ({@code for}: pending until then), how long it keeps firing once the condition is
 * gone ({@code keep_firing_for}), extra identity labels, annotation templates and the condition.
 * Left-out parts take the detector's defaults.
 */
public record RuleDefinition(
        String name,
        String alert,
        Severity severity,
        @JsonProperty("for") Duration pending,
        Duration keepFiringFor,
        SortedMap<String, String> labels,
        RuleAnnotations annotations,
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "alert", visible = true)
        @JsonSubTypes({
                @JsonSubTypes.Type(value = LatencySpikeSettings.class, name = RuleCatalog.LATENCY_SPIKE),
                @JsonSubTypes.Type(value = ErrorBurstSettings.class, name = RuleCatalog.ERROR_BURST),
                @JsonSubTypes.Type(value = CapacityPressureCondition.class, name = RuleCatalog.CAPACITY_PRESSURE),
                @JsonSubTypes.Type(value = SaturationForecastCondition.class, name = RuleCatalog.SATURATION_FORECAST),
                @JsonSubTypes.Type(value = LatencyKneeCondition.class, name = RuleCatalog.LATENCY_KNEE),
                @JsonSubTypes.Type(value = CollapseImminentCondition.class, name = RuleCatalog.COLLAPSE_IMMINENT),
                @JsonSubTypes.Type(value = ProbeFailuresCondition.class, name = RuleCatalog.PROBE_FAILURES),
                @JsonSubTypes.Type(value = ProbeLatencyCondition.class, name = RuleCatalog.PROBE_LATENCY),
                @JsonSubTypes.Type(value = TrafficDropCondition.class, name = RuleCatalog.TRAFFIC_DROP),
                @JsonSubTypes.Type(value = LogsMissingCondition.class, name = RuleCatalog.LOGS_MISSING),
                @JsonSubTypes.Type(value = ComponentDownCondition.class, name = RuleCatalog.COMPONENT_DOWN),
                @JsonSubTypes.Type(value = WatchdogCondition.class, name = RuleCatalog.WATCHDOG)})
        RuleCondition condition) implements Serializable {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** Set by the detectors themselves: a rule cannot override them. */
    public static final Set<String> RESERVED_LABELS = new java.util.TreeSet<>(Set.of("alertname", "severity", "service", "route"));

    public RuleDefinition {
        if (alert == null || !RuleCatalog.alerts().contains(alert)) {
            throw new IllegalArgumentException("alert '" + alert + "' is not a detector (known: " + String.join(", ", RuleCatalog.alerts()) + ")");
        }
        severity = severity != null ? severity : RuleCatalog.defaultSeverity(alert);
        name = name != null ? name : alert + "-" + severity.label();
        if (!RULE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' must be 1-64 letters, digits, '-' or '_'");
        }
        pending = pending != null ? pending : Duration.ZERO;
        labels = labels != null ? new TreeMap<>(labels) : new TreeMap<>();
        annotations = annotations != null ? annotations : RuleAnnotations.none();
        if (pending.isNegative()) {
            throw new IllegalArgumentException("for must not be negative, got " + Durations.format(pending));
        }
        if (keepFiringFor != null) {
            Durations.requirePositive(keepFiringFor, "keep_firing_for");
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!LABEL_NAME.matcher(label.getKey()).matches() || RESERVED_LABELS.contains(label.getKey())) {
                throw new IllegalArgumentException("labels: '" + label.getKey() + "' is not a label a rule may set (a name like team_name, not one of "
                        + RESERVED_LABELS + ")");
            }
            if (label.getValue() == null || label.getValue().isBlank()) {
                throw new IllegalArgumentException("labels: '" + label.getKey() + "' has no value");
            }
        }
        Set<String> offered = RuleCatalog.variables(alert);
        for (Map.Entry<String, String> template : annotations.templates().entrySet()) {
            Set<String> used;
            try {
                used = RuleTemplate.variables(template.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("annotations: " + template.getKey() + ": " + e.getMessage());
            }
            used.removeAll(offered);
            if (!used.isEmpty()) {
                throw new IllegalArgumentException("annotations: " + template.getKey() + " uses {{" + used.iterator().next() + "}}, which "
                        + alert + " does not offer (it offers: " + String.join(", ", offered) + ")");
            }
        }
    }

    /** The built-in rule of a detector: default severity, no extra labels, the detector's own wording. */
    public static RuleDefinition builtIn(String alert) {
        return new RuleDefinition(null, alert, null, null, null, null, null, null);
    }

    /** A short name for logs and operator ids, e.g. {@code LatencySpike/critical}. */
    public String id() {
        return alert + "/" + severity.label() + (labels.isEmpty() ? "" : labels.toString());
    }
}

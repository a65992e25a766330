package io.surgewatch.detect.alert;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.EvidenceWindow;

/**
 * A CEP match turned into what the alert lifecycle needs: a rule's onset or sustained clear on one
 * (service, route), with the windows that showed it. {@code extraLabels} are the rule's own identity
 * labels; {@code pendingMillis} is its {@code for}.
 */
public record RuleSignal(Kind kind, String fingerprint, String rule, String severity, String service, String route,
                         SortedMap<String, String> extraLabels, long pendingMillis, double value, String summary, String description, SortedMap<String, String> details,
                         long firstWindowStartMillis, long lastWindowEndMillis, List<EvidenceWindow> evidence) {
    public enum Kind { ONSET, CLEAR }

    /** A signal whose fingerprint is that of its identity labels (rule, severity, service, route and the rule's own). */
    public static RuleSignal of(Kind kind, String rule, String severity, String service, String route, SortedMap<String, String> extraLabels,
                                long pendingMillis, double value, String summary, String description, SortedMap<String, String> details,
                                long firstWindowStartMillis, long lastWindowEndMillis, List<EvidenceWindow> evidence) {
        return new RuleSignal(kind, AlertEvent.fingerprint(labels(rule, severity, service, route, extraLabels)), rule, severity, service, route,
                extraLabels, pendingMillis, value, summary, description, details, firstWindowStartMillis, lastWindowEndMillis, evidence);
    }

    public static SortedMap<String, String> labels(String rule, String severity, String service, String route,
                                                   SortedMap<String, String> extraLabels) {
        TreeMap<String, String> labels = new TreeMap<>(extraLabels);
        labels.put(AlertEvent.LABEL_ALERTNAME, rule);
        labels.put(AlertEvent.LABEL_SEVERITY, severity);
        labels.put(AlertEvent.LABEL_SERVICE, service);
        labels.put(AlertEvent.LABEL_ROUTE, route);
        return labels;
    }

    public boolean isOnsetOf(java.util.Collection<String> rules) {
        return kind == Kind.ONSET && rules.contains(rule);
    }

    public SortedMap<String, String> labels() {
        return labels(rule, severity, service, route, extraLabels);
    }
}

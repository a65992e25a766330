package io.surgewatch.notifier;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;

/** Alert transitions as the detect job writes them. */
final class Alerts {
    static final Instant T0 = Instant.parse("2022-01-04T00:40:00Z");

    private Alerts() {
    }

    static AlertEvent firing(String rule, String severity, String service, String route, String summary) {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("alertname", rule);
        labels.put("severity", severity);
        labels.put("service", service);
        labels.put("route", route);
        labels.put("team", "healthcode-oncall");
        TreeMap<String, String> annotations = new TreeMap<>();
        annotations.put("summary", summary);
        annotations.put("description", "what it means");
        annotations.put("runbook_url", "https://runbooks.example/" + rule);
        annotations.put("dashboard_url", "http://grafana.example/d/overview?var-service=" + service);
        return new AlertEvent(AlertEvent.fingerprint(labels), rule, severity, AlertState.FIRING, labels, annotations, 4230,
                T0.toEpochMilli(), 0, List.of());
    }

    /** A refresh of the detect job's Watchdog at {@code at}, firing since {@code since}, valid for four refreshes of 15 s. */
    static AlertEvent watchdog(Instant since, Instant at) {
        TreeMap<String, String> labels = new TreeMap<>(java.util.Map.of("alertname", "Watchdog", "severity", "info", "service", "detect",
                "route", "*"));
        return new AlertEvent(AlertEvent.fingerprint(labels), "Watchdog", "info", AlertState.FIRING, labels,
                new TreeMap<>(java.util.Map.of("summary", "surgewatch detect is alive")), 1, since.toEpochMilli(), at.plusSeconds(60).toEpochMilli(),
                List.of());
    }

    static AlertEvent resolved(AlertEvent firing) {
        return new AlertEvent(firing.fingerprint(), firing.rule(), firing.severity(), AlertState.RESOLVED, firing.labels(),
                firing.annotations(), 120, firing.startsAtMillis(), firing.startsAtMillis() + 600_000, List.of());
    }
}

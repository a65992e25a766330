package io.surgewatch.cli.score;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.EvidenceWindow;
import io.surgewatch.simulator.model.GroundTruth;

/**
 * How fast on-call was paged for one incident: seconds from its onset to the first critical alert
 * that fired after it, in event time (when the alert's last evidence window closed: the moment the
 * job could know). A crash, and a route failing half its requests or more, must page within
 * {@value #OUTAGE_SECONDS} s; a silent crash, seen only from outside, within {@value #SILENT_SECONDS}
 * s. Slow dependencies and capacity drops have no deadline of their own ({@code -}: the decision
 * judges them).
 */
public record IncidentVerdict(GroundTruth.IncidentTruth incident, Long pageSeconds, String pagedBy, String verdict) {
    static final long OUTAGE_SECONDS = 30;
    static final long SILENT_SECONDS = 60;

    static IncidentVerdict judge(GroundTruth.IncidentTruth incident, List<AlertEvent> alerts) {
        AlertEvent first = null;
        Instant firstAt = null;
        for (AlertEvent a : alerts) {
            if (a.state() != AlertState.FIRING || !a.severity().equals("critical")) {
                continue;
            }
            Instant known = knownAt(a);
            if (!known.isBefore(incident.at()) && known.isBefore(incident.endsAt()) && (firstAt == null || known.isBefore(firstAt))) {
                first = a;
                firstAt = known;
            }
        }
        Long seconds = firstAt == null ? null : Duration.between(incident.at(), firstAt).toSeconds();
        Long deadline = deadline(incident);
        String verdict = deadline == null ? "-" : seconds == null ? "MISSED" : seconds <= deadline ? "GOOD" : "SLOW";
        return new IncidentVerdict(incident, seconds, first == null ? null : first.rule(), verdict);
    }

    /** The seconds within which this incident must page, or null where none is set. */
    static Long deadline(GroundTruth.IncidentTruth incident) {
        if (incident.kind().equals("crash")) {
            return incident.silent() ? SILENT_SECONDS : OUTAGE_SECONDS;
        }
        return incident.kind().equals("route_errors") && incident.ratio() >= 0.5 ? OUTAGE_SECONDS : null;
    }

    /** When the job could know of the alert: the end of its last evidence window, else its start. */
    static Instant knownAt(AlertEvent a) {
        long at = a.startsAtMillis();
        for (EvidenceWindow w : a.evidence()) {
            at = Math.max(at, w.windowEndMillis());
        }
        return Instant.ofEpochMilli(at);
    }

    public boolean good() {
        return !verdict.equals("MISSED") && !verdict.equals("SLOW");
    }
}

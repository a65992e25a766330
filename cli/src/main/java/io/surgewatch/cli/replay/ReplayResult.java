package io.surgewatch.cli.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.simulator.model.GroundTruth;

/**
 * What a replay found: the simulator's ground truth beside the detector's alerts and decisions, and
 * the service-wide windows for the plot. A fallback ENTER is <em>false</em> when no collapse began
 * within {@link #FALSE_AFTER} of it.
 */
public record ReplayResult(String scenario, double scale, double capacityRps, GroundTruth truth, List<AlertEvent> alerts,
                           List<FallbackDecision> decisions, List<ServiceWindow> windows, long lines, long deadLetters) {
    public static final Duration FALSE_AFTER = Duration.ofMinutes(60);

    /** One service-wide window as plotted: offered and good requests/s, p99 latency, error ratio. */
    public record ServiceWindow(long startMillis, double offeredRps, double goodRps, double p99Ms, double errorRatio) {
    }

    public Instant fallbackEnterAt() {
        return decisions.stream().filter(d -> d.action() == FallbackDecision.Action.ENTER).map(d -> Instant.ofEpochMilli(d.decidedAtMillis()))
                .findFirst().orElse(null);
    }

    public Instant fallbackExitAt() {
        Instant enter = fallbackEnterAt();
        return enter == null ? null : decisions.stream().filter(d -> d.action() == FallbackDecision.Action.EXIT)
                .map(d -> Instant.ofEpochMilli(d.decidedAtMillis())).filter(t -> t.isAfter(enter)).findFirst().orElse(null);
    }

    /** Collapse minus ENTER, in seconds; null if either is missing. */
    public Long leadTimeSeconds() {
        Instant enter = fallbackEnterAt();
        Instant collapse = truth.collapseAt();
        return enter == null || collapse == null ? null : Duration.between(enter, collapse).toSeconds();
    }

    public long falseFallbacks() {
        return decisions.stream().filter(d -> d.action() == FallbackDecision.Action.ENTER).filter(d -> truth.collapses().stream()
                .noneMatch(c -> !c.at().isBefore(Instant.ofEpochMilli(d.decidedAtMillis()).minus(FALSE_AFTER))
                        && !c.at().isAfter(Instant.ofEpochMilli(d.decidedAtMillis()).plus(FALSE_AFTER)))).count();
    }

    /** The first firing of each rule. */
    public Map<String, Instant> firstAlerts() {
        Map<String, Instant> first = new TreeMap<>();
        for (AlertEvent a : alerts) {
            if (a.state() == AlertState.FIRING) {
                first.merge(a.rule(), Instant.ofEpochMilli(a.startsAtMillis()), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        return first;
    }

    /** The capacity the job learned from latency against throughput, as its last capacity alert reported it; NaN if none. */
    public double learnedCapacityRps() {
        return alerts.stream().map(a -> a.annotations().get("capacity_estimated_rps")).filter(java.util.Objects::nonNull)
                .reduce((a, b) -> b).map(Double::parseDouble).orElse(Double.NaN);
    }

    public Map<String, Long> firingBySeverity() {
        Map<String, Long> counts = new TreeMap<>();
        alerts.stream().filter(a -> a.state() == AlertState.FIRING).forEach(a -> counts.merge(a.severity(), 1L, Long::sum));
        return counts;
    }
}

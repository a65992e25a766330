package io.surgewatch.cli.score;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.surgewatch.cli.replay.ReplayResult;
import io.surgewatch.simulator.model.GroundTruth;

/**
 * The verdict on one day's fallback decision, from the ground truth:
 * <ul>
 * <li>a day that collapsed under load: {@code GOOD} when ENTER came before the collapse with a lead of
 *     at least min(10 min, half the time from {@code approach_at} to the collapse) and at most 45 min,
 *     {@code EARLY} above 45 min, {@code LATE} below the minimum, {@code MISSED} without an ENTER
 *     before it;</li>
 * <li>a collapse that an incident caused (a crash, a failing route) cannot be foreseen: {@code GOOD}
 *     when ENTER came within {@value #TELL_AT_ONCE_SECONDS} s of its onset, {@code LATE} after, {@code
 *     MISSED} without one while it lasted;</li>
 * <li>a day without a collapse: {@code OK} without ENTER, {@code FALSE} with one.</li>
 * </ul>
 * An ENTER that no collapse followed within 45 minutes (nor came during one) makes any day
 * {@code FALSE}: sites typed ID-card numbers by hand for nothing.
 */
public record DayVerdict(ReplayResult result, String verdict, GroundTruth.Collapse collapse, Instant enterAt, Long leadSeconds,
                  Long neededLeadSeconds, int falseFallbacks, double falseFallbackMinutes, List<IncidentVerdict> incidents) {
    static final Duration MAX_LEAD = Duration.ofMinutes(45);
    static final Duration MIN_LEAD = Duration.ofMinutes(10);
    static final long TELL_AT_ONCE_SECONDS = 60;

    public static DayVerdict judge(ReplayResult r) {
        GroundTruth truth = r.truth();
        List<FallbackPeriod> periods = FallbackPeriod.of(r.decisions());
        int falseCount = 0;
        double falseMinutes = 0;
        for (FallbackPeriod p : periods) {
            boolean justified = truth.collapses().stream().anyMatch(c -> justifies(c, p));
            if (!justified) {
                falseCount++;
                falseMinutes += p.minutes(truth.end());
            }
        }
        List<IncidentVerdict> incidents = truth.incidents().stream().map(i -> IncidentVerdict.judge(i, r.alerts())).toList();
        if (truth.collapses().isEmpty()) {
            return new DayVerdict(r, falseCount > 0 ? "FALSE" : "OK", null, null, null, null, falseCount, falseMinutes, incidents);
        }
        GroundTruth.Collapse c = truth.collapses().get(0);
        GroundTruth.IncidentTruth cause = truth.incidents().stream().filter(i -> causes(i, c)).findFirst().orElse(null);
        FallbackPeriod before = periods.stream().filter(p -> !p.enter().isAfter(c.at()) && (p.exit() == null || p.exit().isAfter(c.at())))
                .findFirst().orElse(null);
        String verdict;
        Instant enter;
        Long lead;
        Long needed;
        if (cause != null) {
            FallbackPeriod told = periods.stream().filter(p -> !p.enter().isBefore(cause.at()) && p.enter().isBefore(cause.endsAt()))
                    .findFirst().orElse(before);
            enter = told == null ? null : told.enter();
            lead = enter == null ? null : Duration.between(enter, cause.at()).toSeconds();
            needed = -TELL_AT_ONCE_SECONDS;
            verdict = enter == null ? "MISSED" : lead >= needed ? "GOOD" : "LATE";
        } else {
            enter = before == null ? null : before.enter();
            lead = enter == null ? null : Duration.between(enter, c.at()).toSeconds();
            needed = Math.min(MIN_LEAD.toSeconds(), Duration.between(c.approachAt(), c.at()).toSeconds() / 2);
            verdict = enter == null ? "MISSED" : lead > MAX_LEAD.toSeconds() ? "EARLY" : lead >= needed ? "GOOD" : "LATE";
        }
        return new DayVerdict(r, falseCount > 0 ? "FALSE" : verdict, c, enter, lead, needed, falseCount, falseMinutes, incidents);
    }

    /** A fallback is justified by a collapse that came within 45 minutes of its ENTER, or that it was entered during. */
    private static boolean justifies(GroundTruth.Collapse c, FallbackPeriod p) {
        boolean ahead = !c.at().isBefore(p.enter()) && Duration.between(p.enter(), c.at()).compareTo(MAX_LEAD) <= 0;
        boolean during = !p.enter().isBefore(c.at()) && (c.recoveredAt() == null || p.enter().isBefore(c.recoveredAt()));
        return ahead || during;
    }

    /** Whether an incident that leaves sites unable to register caused this collapse (it began while the incident lasted). */
    private static boolean causes(GroundTruth.IncidentTruth i, GroundTruth.Collapse c) {
        boolean outage = i.kind().equals("crash") || i.kind().equals("route_errors");
        return outage && !c.at().isBefore(i.at()) && c.at().isBefore(i.endsAt());
    }

    public boolean good() {
        return (verdict.equals("GOOD") || verdict.equals("OK")) && incidents.stream().allMatch(IncidentVerdict::good);
    }
}

package io.surgewatch.cli.score;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.surgewatch.model.FallbackDecision;

/** One stretch of ID-card registration: an ENTER and the EXIT after it ({@code exit} null: still in fallback when the day ended). */
record FallbackPeriod(Instant enter, Instant exit) {
    static List<FallbackPeriod> of(List<FallbackDecision> decisions) {
        List<FallbackPeriod> periods = new ArrayList<>();
        Instant open = null;
        for (FallbackDecision d : decisions) {
            Instant at = Instant.ofEpochMilli(d.decidedAtMillis());
            if (d.action() == FallbackDecision.Action.ENTER && open == null) {
                open = at;
            } else if (d.action() == FallbackDecision.Action.EXIT && open != null) {
                periods.add(new FallbackPeriod(open, at));
                open = null;
            }
        }
        if (open != null) {
            periods.add(new FallbackPeriod(open, null));
        }
        return periods;
    }

    /** Minutes in fallback, up to {@code dayEnd} if it never ended. */
    double minutes(Instant dayEnd) {
        return java.time.Duration.between(enter, exit != null ? exit : dayEnd).toSeconds() / 60.0;
    }

    boolean covers(Instant t) {
        return !t.isBefore(enter) && (exit == null || t.isBefore(exit));
    }
}

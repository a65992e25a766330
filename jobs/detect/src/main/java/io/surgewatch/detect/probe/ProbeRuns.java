package io.surgewatch.detect.probe;

import java.util.List;
import java.util.function.Predicate;

import io.surgewatch.model.ProbeResult;

/** What the probe rules read off the runs of a match. */
final class ProbeRuns {
    private ProbeRuns() {
    }

    /** The last failed run (what the alert reports), or the last run when none failed. */
    static ProbeResult lastFailedOrLast(List<ProbeResult> runs) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).failed()) {
                return runs.get(i);
            }
        }
        return runs.get(runs.size() - 1);
    }

    /** The locations of the runs that pass {@code which}, sorted, without repeats. */
    static List<String> locations(List<ProbeResult> runs, Predicate<ProbeResult> which) {
        return runs.stream().filter(which).map(ProbeResult::location).distinct().sorted().toList();
    }
}

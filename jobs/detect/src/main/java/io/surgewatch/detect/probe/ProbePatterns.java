package io.surgewatch.detect.probe;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.surgewatch.model.ProbeResult;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The named CEP patterns over the runs of one probe (keyed by probe id, all locations together, in
 * event time). Onsets skip past their last run, so a long outage yields one match per few runs.
 */
public final class ProbePatterns {
    public static final String FAILED = "failed";
    public static final String RUNS = "runs";
    public static final String RECOVERED = "recovered";

    private ProbePatterns() {
    }

    /** {@code n} failed runs in a row: no run from any location succeeded in between. */
    public static Pattern<ProbeResult, ProbeResult> consecutiveFailures(int n) {
        return Pattern.<ProbeResult>begin(FAILED, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(ProbeResult::failed))
                .times(n).consecutive();
    }

    /**
     * Failed runs from {@code locations} different locations within {@code within}; successes in
     * between do not matter (relaxed contiguity), and a location's second failure does not count twice.
     */
    public static Pattern<ProbeResult, ProbeResult> failuresFromLocations(int locations, Duration within) {
        return Pattern.<ProbeResult>begin(FAILED, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new NewFailingLocation())
                .times(locations)
                .within(within);
    }

    /** Every window of {@code m} consecutive runs, sliding by one run: the rule counts the slow ones in it. */
    public static Pattern<ProbeResult, ProbeResult> lastRuns(int m) {
        return Pattern.<ProbeResult>begin(RUNS, AfterMatchSkipStrategy.noSkip())
                .where(SimpleCondition.of(r -> true))
                .times(m).consecutive();
    }

    /** {@code n} runs in a row that pass {@code healthy}: the end of a probe alert. */
    public static Pattern<ProbeResult, ProbeResult> recovered(int n, SimpleCondition<ProbeResult> healthy) {
        return Pattern.<ProbeResult>begin(RECOVERED, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(healthy)
                .times(n).consecutive();
    }

    /** A failed run from a location that has not failed yet in this partial match. */
    static final class NewFailingLocation extends IterativeCondition<ProbeResult> {
        @Override
        public boolean filter(ProbeResult r, Context<ProbeResult> ctx) throws Exception {
            if (!r.failed()) {
                return false;
            }
            Set<String> seen = new HashSet<>();
            for (ProbeResult earlier : ctx.getEventsForPattern(FAILED)) {
                seen.add(earlier.location());
            }
            return !seen.contains(r.location());
        }
    }
}

package io.surgewatch.detect.probe;

import java.io.Serializable;
import java.util.List;
import java.util.SortedMap;

import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.model.ProbeResult;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * A detector over the runs of one probe: the patterns whose matches may start an alert, whether a
 * match really does (and what number it is about), which runs count as healthy, and how the alert reads.
 */
public interface ProbeRule extends Serializable {
    String name();

    RuleDefinition definition();

    default String severity() {
        return definition().severity().label();
    }

    /** Patterns whose matches are candidate onsets, each named for operator ids. */
    List<NamedPattern> onsetPatterns();

    /** Whether a match of an onset pattern starts (or continues) the alert; the runs are the match's, oldest first. */
    boolean isOnset(List<ProbeResult> runs);

    /** Whether a run shows the problem this rule watches (it failed, or it was slow). */
    boolean showsProblem(ProbeResult run);

    /** The locations whose runs show the problem, sorted. */
    default List<String> affectedLocations(List<ProbeResult> runs) {
        return ProbeRuns.locations(runs, this::showsProblem);
    }

    /** The number the alert is about: how many of these runs show the problem. */
    default double value(List<ProbeResult> runs) {
        return runs.stream().filter(this::showsProblem).count();
    }

    /** A run that counts towards recovery. */
    SimpleCondition<ProbeResult> healthy();

    /** Healthy runs in a row that resolve the alert. */
    int recoverRuns();

    /** The detector's own template variables for a match (the common ones are added by {@link ProbeSignalFromMatch}). */
    SortedMap<String, String> variables(List<ProbeResult> runs);

    String firingSummary(List<ProbeResult> runs);

    String resolvedSummary(List<ProbeResult> runs);

    String description();

    /** A pattern and the name of its operator. */
    record NamedPattern(String name, Pattern<ProbeResult, ProbeResult> pattern) implements Serializable {
    }
}

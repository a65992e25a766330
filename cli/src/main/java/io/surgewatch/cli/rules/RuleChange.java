package io.surgewatch.cli.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectLaunch;

/**
 * A switch of the detect job from one launch to another: what the settings change ({@link RuleDiff}),
 * and the operators whose state the savepoint holds but the new graph no longer has (a removed rule's
 * CEP operators, say) -- dropped on purpose, and only those: both graphs are built here, so the set is exact.
 */
public record RuleChange(RuleDiff diff, SortedSet<String> droppedState) {

    public static RuleChange between(DetectLaunch running, DetectLaunch next) {
        SortedSet<String> dropped = new TreeSet<>(DetectJob.uids(running.config(), running.bounded()));
        dropped.removeAll(DetectJob.uids(next.config(), next.bounded()));
        return new RuleChange(RuleDiff.between(running.config().detect(), next.config().detect()), dropped);
    }

    public boolean isEmpty() {
        return diff.isEmpty();
    }

    /** The diff's lines, and the dropped state by operator uid. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(diff.lines());
        if (!droppedState.isEmpty()) {
            lines.add("state dropped on purpose (operators of removed rules): " + String.join(", ", droppedState));
        }
        return lines;
    }
}

package io.surgewatch.detect.probe;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.Durations;
import io.surgewatch.config.rules.ProbeFailuresCondition;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.model.ProbeResult;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** ProbeFailures: see {@link ProbeFailuresCondition}. */
public final class ProbeFailuresRule implements ProbeRule {
    private final RuleDefinition definition;
    private final ProbeFailuresCondition c;

    public ProbeFailuresRule(RuleDefinition definition) {
        this.definition = definition;
        this.c = definition.condition() instanceof ProbeFailuresCondition own ? own : ProbeFailuresCondition.defaults();
    }

    @Override
    public String name() {
        return RuleCatalog.PROBE_FAILURES;
    }

    @Override
    public RuleDefinition definition() {
        return definition;
    }

    @Override
    public List<NamedPattern> onsetPatterns() {
        return List.of(new NamedPattern("consecutive", ProbePatterns.consecutiveFailures(c.consecutive())),
                new NamedPattern("locations", ProbePatterns.failuresFromLocations(c.locations(), c.within())));
    }

    @Override
    public boolean isOnset(List<ProbeResult> runs) {
        return true;
    }

    @Override
    public boolean showsProblem(ProbeResult run) {
        return run.failed();
    }

    @Override
    public SimpleCondition<ProbeResult> healthy() {
        return SimpleCondition.of(r -> !r.failed());
    }

    @Override
    public int recoverRuns() {
        return c.recover();
    }

    @Override
    public SortedMap<String, String> variables(List<ProbeResult> runs) {
        ProbeResult last = ProbeRuns.lastFailedOrLast(runs);
        SortedMap<String, String> v = new TreeMap<>();
        v.put("failing_step", last.step());
        v.put("outcome", last.outcome().label());
        v.put("failure", last.failure() == null ? "" : last.failure());
        v.put("consecutive", Integer.toString(c.consecutive()));
        v.put("min_locations", Integer.toString(c.locations()));
        v.put("within", Durations.format(c.within()));
        return v;
    }

    @Override
    public String firingSummary(List<ProbeResult> runs) {
        ProbeResult last = ProbeRuns.lastFailedOrLast(runs);
        return String.format(Locale.ROOT, "%s probe %s fails at step '%s' from %s: %s", last.service(), last.probeId(), last.step(),
                String.join(", ", affectedLocations(runs)), last.failure() == null ? last.outcome().label() : last.failure());
    }

    @Override
    public String resolvedSummary(List<ProbeResult> runs) {
        ProbeResult last = runs.get(runs.size() - 1);
        return String.format(Locale.ROOT, "%s probe %s succeeds again (%d runs in a row)", last.service(), last.probeId(), runs.size());
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "Synthetic citizens could not complete the flow: %d failed runs in a row, or failures from %d "
                + "locations within %s. The probes see what a citizen sees from outside, even when no request reaches the servers.",
                c.consecutive(), c.locations(), Durations.format(c.within()));
    }
}

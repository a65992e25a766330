package io.surgewatch.detect.probe;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.Durations;
import io.surgewatch.config.rules.ProbeLatencyCondition;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.model.ProbeOutcome;
import io.surgewatch.model.ProbeResult;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** ProbeLatency: see {@link ProbeLatencyCondition}. Failed runs are ProbeFailures' business: they are neither slow nor healthy here. */
public final class ProbeLatencyRule implements ProbeRule {
    private final RuleDefinition definition;
    private final ProbeLatencyCondition c;
    private final double budgetMs;

    public ProbeLatencyRule(RuleDefinition definition) {
        this.definition = definition;
        this.c = definition.condition() instanceof ProbeLatencyCondition own ? own : ProbeLatencyCondition.defaults();
        this.budgetMs = c.budget() == null ? -1 : c.budget().toMillis();
    }

    @Override
    public String name() {
        return RuleCatalog.PROBE_LATENCY;
    }

    @Override
    public RuleDefinition definition() {
        return definition;
    }

    /** Slow: answered, but with outcome slow or over the rule's budget. */
    @Override
    public boolean showsProblem(ProbeResult r) {
        return !r.failed() && (r.outcome() == ProbeOutcome.SLOW || (budgetMs > 0 && r.durationMs() > budgetMs));
    }

    @Override
    public List<NamedPattern> onsetPatterns() {
        return List.of(new NamedPattern("runs", ProbePatterns.lastRuns(c.outOf())));
    }

    @Override
    public boolean isOnset(List<ProbeResult> runs) {
        return showsProblem(runs.get(runs.size() - 1)) && value(runs) >= c.runs();
    }

    @Override
    public SimpleCondition<ProbeResult> healthy() {
        double budget = budgetMs;
        return SimpleCondition.of(r -> r.outcome() == ProbeOutcome.OK && (budget <= 0 || r.durationMs() <= budget));
    }

    @Override
    public int recoverRuns() {
        return c.recover();
    }

    @Override
    public SortedMap<String, String> variables(List<ProbeResult> runs) {
        SortedMap<String, String> v = new TreeMap<>();
        v.put("budget", budgetText());
        v.put("slow_runs", Long.toString(Math.round(value(runs))));
        v.put("out_of", Integer.toString(c.outOf()));
        return v;
    }

    private String budgetText() {
        return c.budget() == null ? "the steps' latency budgets" : Durations.format(c.budget());
    }

    @Override
    public String firingSummary(List<ProbeResult> runs) {
        ProbeResult last = runs.get(runs.size() - 1);
        double worst = runs.stream().filter(this::showsProblem).mapToDouble(ProbeResult::durationMs).max().orElse(0);
        return String.format(Locale.ROOT, "%s probe %s slow in %d of %d runs (worst %.2fs, over %s) from %s", last.service(), last.probeId(),
                Math.round(value(runs)), runs.size(), worst / 1000, budgetText(), String.join(", ", affectedLocations(runs)));
    }

    @Override
    public String resolvedSummary(List<ProbeResult> runs) {
        ProbeResult last = runs.get(runs.size() - 1);
        return String.format(Locale.ROOT, "%s probe %s within budget again (%d runs in a row)", last.service(), last.probeId(), runs.size());
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "At least %d of %d consecutive runs of the flow took longer than %s. Citizens wait at the gate "
                + "before anything fails: the latency knee comes before the collapse.", c.runs(), c.outOf(), budgetText());
    }
}

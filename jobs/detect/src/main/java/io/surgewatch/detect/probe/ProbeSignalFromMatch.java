package io.surgewatch.detect.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.rules.RuleAnnotations;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.alert.RuleVariables;
import io.surgewatch.model.EvidenceWindow;
import io.surgewatch.model.ProbeResult;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a probe rule's onset or recovery match into a {@link RuleSignal} for the alert lifecycle: route
 * {@code probe:<id>}, the runs as evidence (one per run: its time, 1 run, failed or not, its duration
 * in ms), the failing step, outcome and locations as annotations, the rule's templates filled in.
 */
public final class ProbeSignalFromMatch extends PatternProcessFunction<ProbeResult, RuleSignal> {
    public static final String ROUTE_PREFIX = "probe:";
    private final ProbeRule rule;
    private final RuleSignal.Kind kind;
    private final String patternName;

    public ProbeSignalFromMatch(ProbeRule rule, RuleSignal.Kind kind, String patternName) {
        this.rule = rule;
        this.kind = kind;
        this.patternName = patternName;
    }

    @Override
    public void processMatch(Map<String, List<ProbeResult>> match, Context ctx, Collector<RuleSignal> out) {
        List<ProbeResult> runs = match.get(patternName);
        boolean onset = kind == RuleSignal.Kind.ONSET;
        if (onset && !rule.isOnset(runs)) {
            return;
        }
        ProbeResult first = runs.get(0);
        ProbeResult last = runs.get(runs.size() - 1);
        String route = ROUTE_PREFIX + last.probeId();
        RuleDefinition def = rule.definition();
        SortedMap<String, String> vars = variables(runs, route);
        RuleAnnotations templates = def.annotations();
        SortedMap<String, String> details = new TreeMap<>();
        if (onset) {
            ProbeResult reported = ProbeRuns.lastFailedOrLast(runs);
            details.put("failing_step", reported.step());
            details.put("outcome", reported.outcome().label());
            details.put("locations", vars.get("locations"));
            if (reported.failure() != null) {
                details.put("failure", reported.failure());
            }
        }
        RuleVariables.putLinks(templates, vars, details);
        String summary = onset ? RuleVariables.render(templates.summary(), vars, rule.firingSummary(runs))
                : RuleVariables.render(templates.resolvedSummary(), vars, rule.resolvedSummary(runs));
        List<EvidenceWindow> evidence = new ArrayList<>(runs.size());
        for (ProbeResult r : runs) {
            evidence.add(new EvidenceWindow(r.startedAtMillis(), r.endedAtMillis(), 1, r.failed() ? 1 : 0, r.durationMs()));
        }
        out.collect(RuleSignal.of(kind, rule.name(), rule.severity(), last.service(), route, def.labels(),
                def.pending().toMillis(), rule.value(runs), summary, RuleVariables.render(templates.description(), vars, rule.description()),
                details, first.startedAtMillis(), last.endedAtMillis() + 1, evidence));
    }

    /** For an onset the locations that show the problem; for a recovery every location that recovered. */
    private List<String> onsetOrAll(List<ProbeResult> runs) {
        return kind == RuleSignal.Kind.ONSET ? rule.affectedLocations(runs) : ProbeRuns.locations(runs, r -> true);
    }

    private SortedMap<String, String> variables(List<ProbeResult> runs, String route) {
        ProbeResult last = runs.get(runs.size() - 1);
        SortedMap<String, String> v = new TreeMap<>(rule.variables(runs));
        v.put("alertname", rule.name());
        v.put("severity", rule.severity());
        v.put("service", last.service());
        v.put("route", route);
        v.put("scope", last.service() + " probe " + last.probeId());
        v.put("value", String.format(Locale.ROOT, "%.0f", rule.value(runs)));
        v.put("probe", last.probeId());
        v.put("locations", String.join(", ", onsetOrAll(runs)));
        v.put("runs", Integer.toString(runs.size()));
        return v;
    }
}

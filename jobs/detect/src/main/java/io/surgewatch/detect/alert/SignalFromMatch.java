package io.surgewatch.detect.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.rules.RuleAnnotations;
import io.surgewatch.config.rules.RuleDefinition;

import io.surgewatch.model.EvidenceWindow;
import io.surgewatch.model.WindowStats;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a rule's onset or clear match into a {@link RuleSignal} carrying the matched windows as evidence,
 * with the rule's labels and its annotation templates filled in from the last window.
 */
public final class SignalFromMatch extends PatternProcessFunction<ObservedWindow, RuleSignal> {
    private final AlertRule rule;
    private final RuleSignal.Kind kind;
    private final long windowMillis;

    public SignalFromMatch(AlertRule rule, RuleSignal.Kind kind, long windowMillis) {
        this.rule = rule;
        this.kind = kind;
        this.windowMillis = windowMillis;
    }

    @Override
    public void processMatch(Map<String, List<ObservedWindow>> match, Context ctx, Collector<RuleSignal> out) {
        List<ObservedWindow> windows = match.get(kind == RuleSignal.Kind.ONSET ? AlertPatterns.BREACH : AlertPatterns.CLEAR);
        ObservedWindow first = windows.get(0);
        ObservedWindow last = windows.get(windows.size() - 1);
        WindowStats stats = last.stats();
        List<EvidenceWindow> evidence = new ArrayList<>(windows.size());
        double worst = 0;
        for (ObservedWindow w : windows) {
            double v = rule.value(w);
            evidence.add(EvidenceWindow.of(w.stats(), v));
            worst = Math.max(worst, v);
        }
        RuleDefinition def = rule.definition();
        boolean onset = kind == RuleSignal.Kind.ONSET;
        SortedMap<String, String> vars = RuleVariables.of(rule, last, windows.size(), windowMillis);
        RuleAnnotations templates = def.annotations();
        SortedMap<String, String> details = onset ? rule.details(last) : new TreeMap<>();
        RuleVariables.putLinks(templates, vars, details);
        String summary = onset ? RuleVariables.render(templates.summary(), vars, rule.firingSummary(last, windows.size()))
                : RuleVariables.render(templates.resolvedSummary(), vars, rule.resolvedSummary(last));
        out.collect(RuleSignal.of(kind, rule.name(), rule.severity(), stats.service(), stats.route(), def.labels(),
                def.pending().toMillis(), onset ? worst : rule.value(last), summary,
                RuleVariables.render(templates.description(), vars, rule.description()), details, first.stats().windowStartMillis(),
                stats.windowEndMillis(), evidence));
    }
}

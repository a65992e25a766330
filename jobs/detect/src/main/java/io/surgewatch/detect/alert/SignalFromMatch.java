package io.surgewatch.detect.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.EvidenceWindow;
import io.surgewatch.model.WindowStats;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns a rule's onset or clear match into a {@link RuleSignal} carrying the matched windows as evidence. */
public final class SignalFromMatch extends PatternProcessFunction<ObservedWindow, RuleSignal> {
    private final AlertRule rule;
    private final RuleSignal.Kind kind;

    public SignalFromMatch(AlertRule rule, RuleSignal.Kind kind) {
        this.rule = rule;
        this.kind = kind;
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
        String fingerprint = AlertEvent.fingerprint(RuleSignal.labels(rule.name(), rule.severity(), stats.service(), stats.route()));
        boolean onset = kind == RuleSignal.Kind.ONSET;
        out.collect(new RuleSignal(kind, fingerprint, rule.name(), rule.severity(), stats.service(), stats.route(),
                onset ? worst : rule.value(last),
                onset ? rule.firingSummary(last, windows.size()) : rule.resolvedSummary(last),
                rule.description(), onset ? rule.details(last) : new java.util.TreeMap<>(), first.stats().windowStartMillis(),
                stats.windowEndMillis(), evidence));
    }
}

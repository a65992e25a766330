package io.surgewatch.detect.traffic;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.Durations;
import io.surgewatch.config.rules.RuleAnnotations;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.alert.RuleVariables;
import io.surgewatch.model.EvidenceWindow;
import io.surgewatch.model.WindowStats;

/**
 * The onsets and clears of one traffic rule (TrafficDrop or LogsMissing) of a service, route
 * {@code *}: the rule's templates filled with the observed and expected rates, the silence, what the
 * probes said, and the log source; the detector's own wording where the rule has no template.
 */
final class TrafficSignals implements Serializable {
    private final RuleDefinition rule;
    private final String source;

    /** {@code source} names where the lines come from (the access-log topic), for the engineer who must find what stopped. */
    TrafficSignals(RuleDefinition rule, String source) {
        this.rule = rule;
        this.source = source;
    }

    /** What happened, in the detector's words, and the numbers behind it. */
    record Observation(String summary, double observedRps, double expectedRps, double share, long silentMillis, String probes,
                       long fromMillis, long atMillis) {
    }

    RuleSignal onset(String service, Observation o) {
        return signal(RuleSignal.Kind.ONSET, service, o, o.summary());
    }

    RuleSignal clear(String service, Observation o) {
        return signal(RuleSignal.Kind.CLEAR, service, o, o.summary());
    }

    private RuleSignal signal(RuleSignal.Kind kind, String service, Observation o, String ownWords) {
        SortedMap<String, String> vars = new TreeMap<>();
        vars.put("alertname", rule.alert());
        vars.put("severity", rule.severity().label());
        vars.put("service", service);
        vars.put("route", WindowStats.ALL_ROUTES);
        vars.put("scope", service);
        vars.put("value", String.format(Locale.ROOT, "%.2f", o.observedRps()));
        vars.put("silent_for", Durations.format(java.time.Duration.ofMillis(o.silentMillis())));
        vars.put("probes", o.probes());
        if (rule.alert().equals(io.surgewatch.config.rules.RuleCatalog.TRAFFIC_DROP)) {
            vars.put("observed_rps", String.format(Locale.ROOT, "%.2f", o.observedRps()));
            vars.put("expected_rps", String.format(Locale.ROOT, "%.2f", o.expectedRps()));
            vars.put("share", String.format(Locale.ROOT, "%.0f%%", 100 * o.share()));
        } else {
            vars.put("source", source);
        }
        RuleAnnotations templates = rule.annotations();
        SortedMap<String, String> details = new TreeMap<>();
        RuleVariables.putLinks(templates, vars, details);
        boolean onset = kind == RuleSignal.Kind.ONSET;
        String summary = RuleVariables.render(onset ? templates.summary() : templates.resolvedSummary(), vars, ownWords);
        return RuleSignal.of(kind, rule.alert(), rule.severity().label(), service, WindowStats.ALL_ROUTES, rule.labels(), rule.pending().toMillis(),
                o.observedRps(), summary, RuleVariables.render(templates.description(), vars, ownWords), details, o.fromMillis(), o.atMillis(),
                List.of(new EvidenceWindow(o.fromMillis(), o.atMillis(), 0, 0, o.observedRps())));
    }
}

package io.surgewatch.detect.alert;

import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.Durations;
import io.surgewatch.config.rules.RuleTemplate;
import io.surgewatch.model.WindowStats;

/** The values a rule's annotation templates can use for a match, and the annotations rendered from them. */
public final class RuleVariables {
    private RuleVariables() {
    }

    /** The detector's own variables plus the common ones, for the last window of a match of {@code windows} windows. */
    public static SortedMap<String, String> of(AlertRule rule, ObservedWindow last, int windows, long windowMillis) {
        SortedMap<String, String> v = new TreeMap<>(rule.variables(last));
        WindowStats stats = last.stats();
        v.put("alertname", rule.name());
        v.put("severity", rule.severity());
        v.put("service", stats.service());
        v.put("route", stats.route());
        v.put("scope", stats.isServiceWide() ? stats.service() : stats.service() + " " + stats.route());
        v.put("value", rule.formatValue(rule.value(last)));
        v.put("windows", Integer.toString(windows));
        v.put("window", Durations.format(java.time.Duration.ofMillis(windowMillis)));
        v.put("keep_firing_for", Durations.format(rule.keepFiringFor()));
        return v;
    }

    /** The rule's {@code runbook_url} and {@code dashboard_url}, rendered, into an alert's annotations. */
    public static void putLinks(io.surgewatch.config.rules.RuleAnnotations templates, java.util.Map<String, String> values,
                                java.util.Map<String, String> annotations) {
        if (templates.runbookUrl() != null) {
            annotations.put("runbook_url", RuleTemplate.render(templates.runbookUrl(), values));
        }
        if (templates.dashboardUrl() != null) {
            annotations.put("dashboard_url", RuleTemplate.render(templates.dashboardUrl(), values));
        }
    }

    /** The template if the rule has one, else the detector's own text. */
    public static String render(String template, SortedMap<String, String> values, String otherwise) {
        return template == null ? otherwise : RuleTemplate.render(template, values);
    }
}

package io.surgewatch.config.rules;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person reads, as templates: {@code {{name}}} is replaced by the observed value of that name
 * (the variables each alert offers are listed in {@link RuleCatalog}). Any of them may be left out:
 * the detector's own wording is used then.
 */
public record RuleAnnotations(String summary, String resolvedSummary, String description, String runbookUrl, String dashboardUrl)
        implements Serializable {
    public static RuleAnnotations none() {
        return new RuleAnnotations(null, null, null, null, null);
    }

    /** The templates that are set, by their YAML key. */
    public Map<String, String> templates() {
        Map<String, String> t = new LinkedHashMap<>();
        put(t, "summary", summary);
        put(t, "resolved_summary", resolvedSummary);
        put(t, "description", description);
        put(t, "runbook_url", runbookUrl);
        put(t, "dashboard_url", dashboardUrl);
        return t;
    }

    private static void put(Map<String, String> t, String key, String value) {
        if (value != null) {
            t.put(key, value);
        }
    }
}

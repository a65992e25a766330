package io.surgewatch.detect.alert;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.model.AlertEvent;

/**
 * The identities of the rules a job runs (detector, severity, the rule's own labels), to tell whether a
 * firing alert still has a rule: after {@code rules apply} removed or relabelled its rule, nothing will
 * ever resolve it but the lifecycle noticing.
 */
public final class RunningRules implements Serializable {
    private static final long serialVersionUID = 1L;

    private record Identity(String alert, String severity, SortedMap<String, String> labels) implements Serializable {
    }

    private final List<Identity> identities;

    public RunningRules(List<RuleDefinition> rules) {
        this.identities = rules.stream().map(r -> new Identity(r.alert(), r.severity().label(), r.labels())).toList();
    }

    /** Whether a running rule raises alerts with these labels: its detector, its severity and every label of its own. */
    public boolean raise(Map<String, String> labels) {
        return identities.stream().anyMatch(i -> i.alert().equals(labels.get(AlertEvent.LABEL_ALERTNAME))
                && i.severity().equals(labels.get(AlertEvent.LABEL_SEVERITY))
                && i.labels().entrySet().stream().allMatch(l -> l.getValue().equals(labels.get(l.getKey()))));
    }
}

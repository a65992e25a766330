package io.surgewatch.notifier;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.surgewatch.config.notify.InhibitRule;
import io.surgewatch.config.notify.LabelMatcher;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;

/**
 * Alertmanager's inhibition: while a source alert fires, targets with the same values of the
 * {@code equal} labels are muted. By default CollapseImminent mutes the warnings of its service: the
 * engineer it pages needs one message, not the five that led up to it.
 */
final class Inhibitions {
    private final List<InhibitRule> rules;

    Inhibitions(List<InhibitRule> rules) {
        this.rules = rules;
    }

    boolean inhibited(AlertEvent target, Collection<AlertEvent> current) {
        for (InhibitRule rule : rules) {
            if (!LabelMatcher.all(rule.targets(), target.labels())) {
                continue;
            }
            for (AlertEvent source : current) {
                if (source.state() == AlertState.FIRING && !source.fingerprint().equals(target.fingerprint())
                        && LabelMatcher.all(rule.sources(), source.labels())
                        && rule.equal().stream().allMatch(l -> Objects.equals(source.label(l), target.label(l)))) {
                    return true;
                }
            }
        }
        return false;
    }
}

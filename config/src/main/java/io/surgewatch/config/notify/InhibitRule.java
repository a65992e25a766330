package io.surgewatch.config.notify;

import java.io.Serializable;
import java.util.List;

/**
 * While an alert matching {@code source_matchers} fires, alerts matching {@code target_matchers} with
 * the same values of the {@code equal} labels are muted, as in Alertmanager.
 */
public record InhibitRule(List<String> sourceMatchers, List<String> targetMatchers, List<String> equal) implements Serializable {
    public InhibitRule {
        if (sourceMatchers == null || sourceMatchers.isEmpty() || targetMatchers == null || targetMatchers.isEmpty()) {
            throw new IllegalArgumentException("source_matchers and target_matchers are both required");
        }
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        try {
            sourceMatchers.forEach(LabelMatcher::parse);
            targetMatchers.forEach(LabelMatcher::parse);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source_matchers: " + e.getMessage());
        }
        equal = equal != null ? List.copyOf(equal) : List.of();
    }

    public List<LabelMatcher> sources() {
        return sourceMatchers.stream().map(LabelMatcher::parse).toList();
    }

    public List<LabelMatcher> targets() {
        return targetMatchers.stream().map(LabelMatcher::parse).toList();
    }
}

package io.surgewatch.config.rules;

import java.util.List;

/** A file of rules: {@code rules:} and a list. */
public record RuleFile(List<RuleDefinition> rules) {
    public RuleFile {
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("rules must list at least one rule");
        }
    }
}

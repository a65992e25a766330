package io.surgewatch.cli.rules;

import java.util.List;

/** A file of rule tests, in the spirit of {@code promtool test rules}: {@code tests:} and a list of cases. */
public record RuleTestFile(List<RuleTestCase> tests) {
    public RuleTestFile {
        if (tests == null || tests.isEmpty()) {
            throw new IllegalArgumentException("tests must list at least one test");
        }
    }
}

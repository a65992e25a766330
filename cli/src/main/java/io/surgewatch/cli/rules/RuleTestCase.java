package io.surgewatch.cli.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One rule test: request series per route, window by window, run through the detect job with the
 * rules under test; the alerts that must fire ({@code expect}, each exactly once) and those that must
 * not ({@code expect_not}). {@code capacity} is the modelled capacity per service in requests/s.
 */
public record RuleTestCase(String name, Duration window, Map<String, Double> capacity, List<TestSeries> series,
                           List<ExpectedAlert> expect, List<ExpectedAlert> expectNot) {
    public RuleTestCase {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required: it is what a failing test is reported by");
        }
        window = window != null ? window : Duration.ofSeconds(10);
        capacity = capacity != null ? capacity : Map.of();
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("series must list at least one route's windows");
        }
        expect = expect != null ? expect : List.of();
        expectNot = expectNot != null ? expectNot : List.of();
        if (expect.isEmpty() && expectNot.isEmpty()) {
            throw new IllegalArgumentException("expect: a test needs expect or expect_not, or it cannot fail");
        }
    }
}

package io.surgewatch.config.rules;

import java.time.Duration;

import io.surgewatch.config.FallbackSettings;

/**
 * CollapseImminent, which switches testing sites to ID-card registration: strain within
 * {@code strain_within} of an approach to capacity; the exit thresholds and dwell; the policy.
 */
public record CollapseImminentCondition(Duration strainWithin, Double exitUtilisation, Double exitErrorRatio, Duration dwell,
                                        FallbackSettings.Policy policy, Duration confirmWithin) implements RuleCondition {
}

package io.surgewatch.config.rules;

import java.time.Duration;

import io.surgewatch.config.FallbackSettings;

/**
 * CollapseImminent, which switches testing sites to ID-card registration: the routes testing sites
 * register through ({@code registration_routes}: when they fail, sites switch at once); the exit
 * thresholds and dwell; the policy.
 */
public record CollapseImminentCondition(java.util.List<String> registrationRoutes, Double exitUtilisation, Double exitErrorRatio, Duration dwell,
                                        FallbackSettings.Policy policy, Duration confirmWithin) implements RuleCondition {
}

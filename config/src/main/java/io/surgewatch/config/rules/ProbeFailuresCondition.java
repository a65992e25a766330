package io.surgewatch.config.rules;

import java.time.Duration;

import io.surgewatch.config.Durations;

/**
 * ProbeFailures: {@code consecutive} failed runs of one probe in a row, whichever location ran them
 * (a success anywhere breaks the row), or failed runs from at least {@code locations} different
 * locations within {@code within} — so one location's bad network alone fires nothing while others
 * still get through. It resolves after {@code recover} successful runs in a row (6 by default: two
 * rounds of three locations, so that a platform at its knee, failing every few runs, does not flap).
 */
public record ProbeFailuresCondition(Integer consecutive, Integer locations, Duration within, Integer recover) implements RuleCondition {
    public ProbeFailuresCondition {
        consecutive = consecutive != null ? consecutive : 3;
        locations = locations != null ? locations : 2;
        within = within != null ? within : Duration.ofMinutes(2);
        recover = recover != null ? recover : 6;
        if (consecutive < 1 || consecutive > 100) {
            throw new IllegalArgumentException("consecutive must lie in [1, 100], got " + consecutive);
        }
        if (locations < 2 || locations > 100) {
            throw new IllegalArgumentException("locations must lie in [2, 100] (one location alone is not an outage), got " + locations);
        }
        Durations.requirePositive(within, "within");
        if (recover < 1 || recover > 100) {
            throw new IllegalArgumentException("recover must lie in [1, 100], got " + recover);
        }
    }

    public static ProbeFailuresCondition defaults() {
        return new ProbeFailuresCondition(null, null, null, null);
    }
}

package io.surgewatch.config.rules;

import java.time.Duration;

import io.surgewatch.config.Durations;

/**
 * ComponentDown: a service that publishes heartbeats (the notifier, the site service) sent none for
 * {@code timeout}. They beat every 5 s; the timeout must span at least three beats, so that one late
 * beat (a GC pause, a broker leader moving) is not an outage.
 */
public record ComponentDownCondition(Duration timeout) implements RuleCondition {
    public ComponentDownCondition {
        timeout = timeout != null ? timeout : Duration.ofSeconds(30);
        if (timeout.compareTo(Duration.ofSeconds(15)) < 0) {
            throw new IllegalArgumentException("timeout must be at least 15s (three heartbeats of 5s), got " + Durations.format(timeout));
        }
    }

    public static ComponentDownCondition defaults() {
        return new ComponentDownCondition(null);
    }
}

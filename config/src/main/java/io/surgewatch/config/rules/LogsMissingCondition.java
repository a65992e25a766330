package io.surgewatch.config.rules;

import java.time.Duration;

import io.surgewatch.config.Durations;

/**
 * LogsMissing: no access-log line of a service for {@code silent_for} while its probes still succeed
 * from somewhere — the platform answers, the log path (nginx's log, the shipper, Kafka) stopped, and
 * every access-log rule is blind. Like TrafficDrop it needs the service to have carried at least
 * TrafficDrop's {@code min_expected_rps} before the silence. It resolves when a line comes again.
 */
public record LogsMissingCondition(Duration silentFor) implements RuleCondition {
    public LogsMissingCondition {
        silentFor = silentFor != null ? silentFor : Duration.ofSeconds(30);
        Durations.requirePositive(silentFor, "silent_for");
    }

    public static LogsMissingCondition defaults() {
        return new LogsMissingCondition(null);
    }
}

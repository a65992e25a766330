package io.surgewatch.config.flink;

import java.io.Serializable;
import java.time.Duration;

import io.surgewatch.config.Durations;

/**
 * What the job does when a task fails (a TaskManager dies, Kafka is briefly unreachable): it restarts
 * from its last checkpoint after {@code initial_backoff}, doubling the wait on each failure in a row up
 * to {@code max_backoff}, and never gives up: a monitor that stops is worse than one that retries.
 */
public record RestartSettings(Duration initialBackoff, Duration maxBackoff) implements Serializable {
    public RestartSettings {
        initialBackoff = initialBackoff != null ? initialBackoff : Duration.ofSeconds(1);
        maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofMinutes(1);
        Durations.requirePositive(initialBackoff, "initial_backoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max_backoff (" + Durations.format(maxBackoff) + ") must not be below initial_backoff ("
                    + Durations.format(initialBackoff) + ")");
        }
    }

    public static RestartSettings defaults() {
        return new RestartSettings(null, null);
    }
}

package io.surgewatch.config.rules;

import java.time.Duration;

import io.surgewatch.config.Durations;

/**
 * Watchdog: the detect job's always-firing alert, refreshed every {@code every} of event time while
 * probe results and access-log windows reach it, and valid for four refreshes plus the checkpoint
 * interval (a read_committed reader sees a refresh once the alerts' transaction before it commits):
 * the notifier pings a dead-man's switch with it, and takes its expiry as the detect job (or the way to
 * it) having stopped or fallen a minute behind. Not shorter than 5 s: every refresh is a record on the alerts topic.
 */
public record WatchdogCondition(Duration every) implements RuleCondition {
    /** How many refreshes a Watchdog alert outlives: late refreshes (a GC pause, a busy surge) are not a dead job. */
    public static final int VALID_FOR_REFRESHES = 4;

    public WatchdogCondition {
        every = every != null ? every : Duration.ofSeconds(15);
        if (every.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("every must be at least 5s (each refresh is a record on the alerts topic), got "
                    + Durations.format(every));
        }
    }

    public static WatchdogCondition defaults() {
        return new WatchdogCondition(null);
    }

    /** How long one refresh keeps the alert firing, when the job's output is read {@code commitDelay} after it is written. */
    public Duration validFor(Duration commitDelay) {
        return every.multipliedBy(VALID_FOR_REFRESHES).plus(commitDelay);
    }
}

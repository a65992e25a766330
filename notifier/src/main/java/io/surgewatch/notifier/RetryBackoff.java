package io.surgewatch.notifier;

import java.time.Duration;

/**
 * How long a failed delivery waits before its next attempt, for the notifier and the site service alike
 * (a receiver's Retry-After goes first): 1 s, doubling, at most 30 s. The cap is what a receiver's
 * return costs: a mail server back after an hour gets its mail within 30 s, not within the 5 minutes an
 * uncapped doubling reaches; and one attempt every 30 s per waiting message is no load on a server that
 * is recovering.
 */
public final class RetryBackoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofSeconds(30);

    private RetryBackoff() {
    }

    /** The wait after the {@code attempts}th failed attempt (1 for the first). */
    public static Duration after(int attempts) {
        Duration d = FIRST.multipliedBy(1L << Math.min(Math.max(attempts, 1) - 1, 20));
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}

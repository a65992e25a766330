package io.surgewatch.notifier;

import java.util.concurrent.atomic.AtomicLong;

/** The notifier's own health: what it read, sent, retried, refused, skipped as already sent. */
final class NotifierCounters {
    final AtomicLong alertsRead = new AtomicLong();
    final AtomicLong badRecords = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    /** Delivered notifications per receiver: a dead-man's switch's pings are not mails. */
    final java.util.Map<String, AtomicLong> deliveredTo = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    /** Attempts a receiver refused for its credentials (401, 403): retried, and logged at ERROR for a person to fix. */
    final AtomicLong alarms = new AtomicLong();
    final AtomicLong duplicatesSkipped = new AtomicLong();

    @Override
    public String toString() {
        return String.format("alerts read %d (bad %d), notifications delivered %d, retries %d (credentials refused %d), refused %d, "
                + "already sent %d", alertsRead.get(), badRecords.get(), delivered.get(), retries.get(), alarms.get(), refused.get(),
                duplicatesSkipped.get());
    }
}

package io.surgewatch.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications waiting to go out. Each receiver's are sent in order; when one fails, the rest of that
 * receiver's wait with it, retried with exponential backoff (or after the receiver's Retry-After) for
 * as long as it takes: a mail server that is down for an hour gets its mails an hour late, not never.
 * A notification already in the delivery log is dropped unsent.
 */
final class DeliveryQueue {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    private static final class Entry {
        final Notification n;
        int attempts;
        Instant nextAttempt;

        Entry(Notification n, Instant at) {
            this.n = n;
            this.nextAttempt = at;
        }
    }

    private final Deque<Entry> waiting = new ArrayDeque<>();
    private final Map<String, Sender> senders;
    private final DeliveryLog log;
    private final NotifierCounters counters;

    DeliveryQueue(Map<String, Sender> senders, DeliveryLog log, NotifierCounters counters) {
        this.senders = senders;
        this.log = log;
        this.counters = counters;
    }

    void offer(Notification n, Instant now) {
        waiting.add(new Entry(n, now));
    }

    int size() {
        return waiting.size();
    }

    /** Attempts what is due at {@code now}, in order per receiver. */
    void deliverDue(Instant now) {
        Set<String> blocked = new HashSet<>();
        for (Iterator<Entry> it = waiting.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (blocked.contains(e.n.receiver())) {
                continue;
            }
            if (log.contains(e.n.id())) {
                counters.duplicatesSkipped.incrementAndGet();
                it.remove();
                continue;
            }
            if (now.isBefore(e.nextAttempt)) {
                blocked.add(e.n.receiver());
                continue;
            }
            DeliveryResult r = senders.get(e.n.receiver()).send(e.n);
            e.attempts++;
            switch (r.kind()) {
                case DELIVERED -> {
                    log.record(e.n, now);
                    counters.delivered.incrementAndGet();
                    counters.deliveredTo.computeIfAbsent(e.n.receiver(), k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
                    it.remove();
                }
                case REFUSED -> {
                    LOG.error("{} refused notification {} for good: {}", e.n.receiver(), e.n.id(), r.detail());
                    counters.refused.incrementAndGet();
                    it.remove();
                }
                case RETRY -> {
                    Duration wait = r.retryAfter() != null ? r.retryAfter() : RetryBackoff.after(e.attempts);
                    e.nextAttempt = now.plus(wait);
                    counters.retries.incrementAndGet();
                    if (r.alarm()) {
                        counters.alarms.incrementAndGet();
                        LOG.error("{} did not take notification {} (attempt {}): {}; next attempt in {}", e.n.receiver(), e.n.id(), e.attempts,
                                r.detail(), wait);
                    } else {
                        LOG.warn("{} did not take notification {} (attempt {}): {}; next attempt in {}", e.n.receiver(), e.n.id(), e.attempts,
                                r.detail(), wait);
                    }
                    blocked.add(e.n.receiver());
                }
            }
        }
    }

    /** When the earliest waiting attempt is due, or null. */
    Instant nextAttempt() {
        return waiting.stream().map(e -> e.nextAttempt).min(Instant::compareTo).orElse(null);
    }

}

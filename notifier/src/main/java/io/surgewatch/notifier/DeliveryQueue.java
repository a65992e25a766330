package io.surgewatch.notifier;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notifications waiting to go out, on the shared {@link RetryOutbox}: each receiver on its own thread
 * (a webhook that hangs until its deadline delays no mail), in order per receiver, retried until
 * delivered; one refused for good is given up after the outbox's bound, written to the failures topic
 * and raised as an alert. A notification already in the delivery log is not sent again.
 */
final class DeliveryQueue implements AutoCloseable {
    private static final DeliveryResult ALREADY_DELIVERED = DeliveryResult.delivered();

    private final Map<String, Sender> senders;
    private final DeliveryLog log;
    private final NotifierCounters counters;
    private final DeliveryFailures failures;
    private final Clock clock;
    private final RetryOutbox<Notification> outbox;

    DeliveryQueue(Map<String, Sender> senders, DeliveryLog log, NotifierCounters counters, DeliveryFailures failures, Clock clock) {
        this.senders = senders;
        this.log = log;
        this.counters = counters;
        this.failures = failures;
        this.clock = clock;
        this.outbox = new RetryOutbox<>("notifier", new RetryOutbox.Delivery<>() {
            @Override
            public String id(Notification n) {
                return n.id();
            }

            @Override
            public String receiver(Notification n) {
                return n.receiver();
            }

            @Override
            public String lane(Notification n) {
                return n.receiver();
            }

            @Override
            public DeliveryResult send(Notification n) {
                return log.contains(n.id()) ? ALREADY_DELIVERED : senders.get(n.receiver()).send(n);
            }

            @Override
            public String describe(Notification n) {
                return "receiver " + n.receiver();
            }
        }, new RetryOutbox.Listener<>() {
            @Override
            public void settled(Notification n, DeliveryResult last, int attempts) {
                DeliveryQueue.this.settled(n, last, attempts);
            }

            @Override
            public void retrying(Notification n, DeliveryResult last, int attempts) {
                counters.retries.incrementAndGet();
                if (last.alarm()) {
                    counters.alarms.incrementAndGet();
                }
            }
        }, 1, Comparator.comparing(n -> 0));
    }

    private void settled(Notification n, DeliveryResult last, int attempts) {
        Instant now = clock.instant();
        if (last == ALREADY_DELIVERED) {
            counters.duplicatesSkipped.incrementAndGet();
        } else if (last.kind() == DeliveryResult.Kind.DELIVERED) {
            log.record(n, now);
            counters.delivered.incrementAndGet();
            counters.deliveredTo.computeIfAbsent(n.receiver(), k -> new AtomicLong()).incrementAndGet();
            failures.delivered(n.receiver(), now);
        } else {
            counters.refused.incrementAndGet();
            failures.gaveUp(n.id(), n.receiver(), "receiver " + n.receiver() + " (" + n.status() + ": " + n.groupLabels() + ")", attempts, last,
                    now);
        }
    }

    void offer(Notification n, Instant now) {
        outbox.offer(n, now);
    }

    int size() {
        return outbox.size();
    }

    /** Starts what is due at {@code now}: each receiver's next notification, on that receiver's thread. */
    void deliverDue(Instant now) {
        outbox.deliverDue(now);
    }

    /** When the earliest waiting attempt is due, or null. */
    Instant nextAttempt() {
        return outbox.nextAttempt();
    }

    @Override
    public void close() {
        outbox.close();
        senders.values().forEach(Sender::close);
    }
}

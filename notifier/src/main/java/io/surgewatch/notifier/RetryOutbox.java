package io.surgewatch.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages waiting to go out, for the notifier and the site service alike. Each receiver has its own
 * queue, sent in order, one attempt at a time; attempts run on the threads of the receiver's lane and
 * {@link #deliverDue} only starts them, so a receiver that hangs until its deadline holds its own queue
 * and one thread, never another receiver or the caller.
 *
 * <p>A message the receiver could not take now (down, 5xx, 408, 429, credentials refused) is retried for
 * as long as it takes, after the receiver's Retry-After or the {@link RetryBackoff}, and its receiver's
 * later messages wait with it (they would fail the same way, and order is kept). A message the receiver
 * refuses for good (SMTP 5xx, HTTP 4xx) is about itself: the rest of the queue goes on, and it is tried
 * {@value #REFUSALS_BEFORE_GIVING_UP} times on the same backoff (over about a minute and a half, longer
 * than a receiver's rolling restart answers 404) before it is given up and handed to its {@link Listener} --
 * never dropped in silence.
 */
public final class RetryOutbox<M> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryOutbox.class);
    /** 1 + 2 + 4 + 8 + 16 + 30 + 30 s of backoff: 91 s from the first refusal to the last. */
    public static final int REFUSALS_BEFORE_GIVING_UP = 8;

    /** How a message goes out, and to whom. */
    public interface Delivery<M> {
        String id(M m);

        /** The message's queue: its order is kept, and a receiver that is down holds only its own messages. */
        String receiver(M m);

        /** The threads it is sent on (shared by the receivers of a lane). */
        String lane(M m);

        /** One attempt, within its own deadline; a problem is a result, never an exception. */
        DeliveryResult send(M m);

        /** Printable for logs: who it is for, without secrets. */
        String describe(M m);
    }

    /** Told what became of attempts, on the attempt's thread. */
    public interface Listener<M> {
        /** The message left the outbox: delivered, or given up after {@code attempts} with the {@code last} refusal. */
        void settled(M m, DeliveryResult last, int attempts);

        /** The message stays, to be attempted again. */
        default void retrying(M m, DeliveryResult last, int attempts) {
        }
    }

    private static final class Entry<M> {
        final M m;
        int attempts;
        int refusals;
        Instant next;

        Entry(M m, Instant next) {
            this.m = m;
            this.next = next;
        }
    }

    private static final class Receiver<M> {
        final Deque<Entry<M>> queue = new ArrayDeque<>();
        Instant downUntil = Instant.MIN;
        boolean sending;
    }

    private final String name;
    private final Delivery<M> delivery;
    private final Listener<M> listener;
    private final int threadsPerLane;
    private final Comparator<M> urgency;
    private final Map<String, Receiver<M>> receivers = new HashMap<>();
    private final Map<String, ExecutorService> lanes = new HashMap<>();
    private boolean closed;
    private long delivered;
    private long gaveUp;

    /**
     * {@code threadsPerLane} attempts at once in each lane; among messages due together, those first by
     * {@code urgency} start first.
     */
    public RetryOutbox(String name, Delivery<M> delivery, Listener<M> listener, int threadsPerLane, Comparator<M> urgency) {
        this.name = name;
        this.delivery = delivery;
        this.listener = listener;
        this.threadsPerLane = threadsPerLane;
        this.urgency = urgency;
    }

    public synchronized void offer(M m, Instant now) {
        receivers.computeIfAbsent(delivery.receiver(m), r -> new Receiver<>()).queue.add(new Entry<>(m, now));
    }

    /** Starts the attempts due at {@code now} and returns at once; each ends on its lane's thread. */
    public void deliverDue(Instant now) {
        List<Entry<M>> due = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            for (Receiver<M> r : receivers.values()) {
                if (r.sending || now.isBefore(r.downUntil)) {
                    continue;
                }
                r.queue.stream().filter(e -> !now.isBefore(e.next)).findFirst().ifPresent(e -> {
                    r.sending = true;
                    due.add(e);
                });
            }
            due.sort(Comparator.comparing(e -> e.m, urgency));
            for (Entry<M> e : due) {
                lane(delivery.lane(e.m)).execute(() -> attempt(e, now));
            }
        }
    }

    private void attempt(Entry<M> e, Instant startedAt) {
        DeliveryResult r;
        try {
            r = delivery.send(e.m);
        } catch (RuntimeException failure) {
            LOG.error("{}: an attempt to send {} failed unexpectedly", name, delivery.describe(e.m), failure);
            r = DeliveryResult.retry(failure.toString());
        }
        boolean left;
        synchronized (this) {
            if (closed) {
                return; // what it became is not known here: the message stays where its service keeps it, and goes again after a restart
            }
            left = settle(e, r, startedAt);
        }
        if (left) {
            listener.settled(e.m, r, e.attempts);
        } else {
            listener.retrying(e.m, r, e.attempts);
        }
    }

    /** Whether the message left the outbox. */
    private boolean settle(Entry<M> e, DeliveryResult r, Instant startedAt) {
        e.attempts++;
        Receiver<M> receiver = receivers.get(delivery.receiver(e.m));
        receiver.sending = false;
        switch (r.kind()) {
            case DELIVERED -> {
                delivered++;
                remove(receiver, e);
                return true;
            }
            case REFUSED -> {
                e.refusals++;
                if (e.refusals >= REFUSALS_BEFORE_GIVING_UP) {
                    gaveUp++;
                    LOG.error("{}: {} refused {} for good {} times; given up: {}", name, delivery.describe(e.m), delivery.id(e.m), e.refusals,
                            r.detail());
                    remove(receiver, e);
                    return true;
                }
                e.next = startedAt.plus(RetryBackoff.after(e.refusals));
                LOG.warn("{}: {} refused {} (refusal {} of {}): {}; next attempt in {}", name, delivery.describe(e.m), delivery.id(e.m),
                        e.refusals, REFUSALS_BEFORE_GIVING_UP, r.detail(), Duration.between(startedAt, e.next));
                return false;
            }
            default -> {
                Duration wait = r.retryAfter() != null ? r.retryAfter() : RetryBackoff.after(e.attempts - e.refusals);
                e.next = startedAt.plus(wait);
                receiver.downUntil = e.next; // its later messages would fail the same way: they wait with it, in order
                if (r.alarm()) {
                    LOG.error("{}: {} did not take {} (attempt {}): {}; next attempt in {}", name, delivery.describe(e.m), delivery.id(e.m),
                            e.attempts, r.detail(), wait);
                } else {
                    LOG.warn("{}: {} did not take {} (attempt {}): {}; next attempt in {}", name, delivery.describe(e.m), delivery.id(e.m),
                            e.attempts, r.detail(), wait);
                }
                return false;
            }
        }
    }

    private void remove(Receiver<M> receiver, Entry<M> e) {
        receiver.queue.remove(e);
        if (receiver.queue.isEmpty()) {
            receivers.remove(delivery.receiver(e.m));
        }
    }

    private ExecutorService lane(String lane) {
        return lanes.computeIfAbsent(lane, l -> Executors.newFixedThreadPool(threadsPerLane, r -> {
            Thread t = new Thread(r, name + "-" + l);
            t.setDaemon(true);
            return t;
        }));
    }

    /** Messages waiting, those being sent included. */
    public synchronized int size() {
        return receivers.values().stream().mapToInt(r -> r.queue.size()).sum();
    }

    public synchronized long delivered() {
        return delivered;
    }

    public synchronized long gaveUp() {
        return gaveUp;
    }

    /** When the earliest waiting message that is not being sent is due, or null. */
    public synchronized Instant nextAttempt() {
        Instant next = null;
        for (Receiver<M> r : receivers.values()) {
            if (r.sending) {
                continue;
            }
            for (Entry<M> e : r.queue) {
                Instant at = e.next.isBefore(r.downUntil) ? r.downUntil : e.next;
                if (next == null || at.isBefore(next)) {
                    next = at;
                }
            }
        }
        return next;
    }

    /** Stops the sending threads; an attempt under way ends at its deadline, and its message stays where it is (on the outbox topic, in the delivery log's absence). */
    @Override
    public synchronized void close() {
        closed = true;
        lanes.values().forEach(ExecutorService::shutdownNow);
    }
}

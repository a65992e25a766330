package io.surgewatch.notifier;

/**
 * What has been delivered: notification ids, and the alert transitions they told each receiver. It is
 * what makes delivery idempotent across restarts and replays: a transition told once is not told again.
 */
interface DeliveryLog extends AutoCloseable {
    boolean contains(String notificationId);

    boolean told(String transition);

    void record(Notification n, java.time.Instant at);

    @Override
    default void close() {
    }
}

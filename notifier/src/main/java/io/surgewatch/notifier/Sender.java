package io.surgewatch.notifier;

/** Delivers a notification to one kind of receiver; never throws for a delivery problem, says so in the result. */
interface Sender extends AutoCloseable {
    DeliveryResult send(Notification n);

    @Override
    default void close() {
    }
}

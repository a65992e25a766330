package io.surgewatch.detect.alert;

import java.io.IOException;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * One event-time timer per key that is pushed back on every input, so that the state of a key that
 * falls silent is dropped once, when the timer finally fires: bounded state without a timer per input.
 */
public final class KeyExpiry {
    private KeyExpiry() {
    }

    /** Moves the key's expiry to {@code at}, deleting the timer of the previous one: for functions whose only timer is this one. */
    public static void renew(ValueState<Long> expiry, TimerService timers, long at) throws IOException {
        Long previous = expiry.value();
        if (previous != null) {
            timers.deleteEventTimeTimer(previous);
        }
        timers.registerEventTimeTimer(at);
        expiry.update(at);
    }

    /**
     * Moves the key's expiry to {@code at} and leaves the previous timer: in an {@link EventTimeOrdered}
     * function a timer may also be an input's or a deadline's (timers of one key and instant are one),
     * and deleting it would lose them. The stale timer fires and finds the expiry moved on.
     */
    public static void push(ValueState<Long> expiry, TimerService timers, long at) throws IOException {
        timers.registerEventTimeTimer(at);
        expiry.update(at);
    }

    /**
     * Whether an input of event time {@code at} comes after the key expired. Its timer fires once the
     * watermark passes it, which may be before or after an input a little later arrives, depending on
     * how the parallel inputs interleave: the function drops the state itself then, so that what it
     * decides does not depend on that.
     */
    public static boolean lapsed(ValueState<Long> expiry, long at) throws IOException {
        Long current = expiry.value();
        return current != null && current < at;
    }
}

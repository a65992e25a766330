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

    public static void renew(ValueState<Long> expiry, TimerService timers, long at) throws IOException {
        Long previous = expiry.value();
        if (previous != null) {
            timers.deleteEventTimeTimer(previous);
        }
        timers.registerEventTimeTimer(at);
        expiry.update(at);
    }
}

package io.surgewatch.detect.component;

import io.surgewatch.model.Heartbeat;

/**
 * One input of the {@link ComponentWatch}: a heartbeat, or a tick — the event time of a probe result or
 * a service window, which carries time on when the heartbeats stop.
 */
public record ComponentInput(Heartbeat heartbeat, long tickMillis) {
    /** All components are watched under one key: a few beats a second, and every tick must reach all of them. */
    public static final String KEY = "components";

    public static ComponentInput of(Heartbeat h) {
        return new ComponentInput(h, 0);
    }

    public static ComponentInput tick(long millis) {
        return new ComponentInput(null, millis);
    }

    public String key() {
        return KEY;
    }

    public long eventTime() {
        return heartbeat != null ? heartbeat.atMillis() : tickMillis;
    }

    /** Among inputs of the same instant: beats (by component) before ticks, whatever order they arrived in. */
    public String tieOrder() {
        return heartbeat != null ? "0" + heartbeat.component() + heartbeat.instance() : "1";
    }
}

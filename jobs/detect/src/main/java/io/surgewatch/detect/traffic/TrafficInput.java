package io.surgewatch.detect.traffic;

import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.WindowStats;

/** One input of a service's {@link TrafficWatch}: exactly one of its service-wide window and one of its probe results. */
public record TrafficInput(WindowStats window, ProbeResult probe) {
    public static TrafficInput of(WindowStats w) {
        return new TrafficInput(w, null);
    }

    public static TrafficInput of(ProbeResult p) {
        return new TrafficInput(null, p);
    }

    public String service() {
        return window != null ? window.service() : probe.service();
    }

    /** A window happens just before its end, a probe run when it ended. */
    public long eventTime() {
        return window != null ? window.windowEndMillis() - 1 : probe.endedAtMillis();
    }

    /** Among inputs of the same instant, in a fixed order whatever order they arrived in: probes by location, then the window. */
    public String tieOrder() {
        return window != null ? "1" : "0" + probe.location() + probe.probeId() + probe.startedAtMillis();
    }
}

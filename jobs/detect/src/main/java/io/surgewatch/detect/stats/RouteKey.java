package io.surgewatch.detect.stats;

import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.WindowStats;

/** The key of per-route statistics and of everything evaluated on them. */
public record RouteKey(String service, String route) {
    public static RouteKey of(AccessLogEvent e) {
        return new RouteKey(e.service(), e.route());
    }

    public static RouteKey of(WindowStats s) {
        return new RouteKey(s.service(), s.route());
    }
}

package io.surgewatch.sites;

import io.surgewatch.metrics.MetricPoint;

/**
 * A site's transition as Grafana's testing-sites dashboard reads it: measurement {@code site}, tagged by
 * site, district and status, with the status as a number (0 normal, 1 told to switch, 2 registering by
 * ID card, 3 told to resume), whether it awaits an acknowledgement, and its reminders so far.
 */
final class SitePoints {
    static final String SITE = "site";

    private SitePoints() {
    }

    static MetricPoint transition(SiteBoard.Transition t) {
        return MetricPoint.of(SITE, t.atMillis())
                .tag("site", t.site().id()).tag("district", t.site().district()).tag("status", t.state().status().name())
                .field("state_code", t.state().status().ordinal())
                .field("awaiting_ack", t.state().status().awaitsAcknowledgement() ? 1 : 0)
                .field("reminders", t.state().reminders())
                .text("how", t.how());
    }
}

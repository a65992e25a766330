package io.surgewatch.notifier;

import java.time.Duration;
import java.util.List;

import io.surgewatch.config.notify.NotifierSettings;
import io.surgewatch.config.Severity;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.model.AlertEvent;

/**
 * How a receiver's alerts are grouped and paced. People get Alertmanager's grouping; an Alertmanager
 * receiver gets every alert on its own at once, re-pushed while it fires (it groups for itself).
 */
record GroupPolicy(List<String> groupBy, boolean perAlert, Duration groupWait, Duration criticalGroupWait, Duration groupInterval,
                   Duration repeatInterval) {
    static GroupPolicy of(NotifierSettings settings, ReceiverSettings receiver) {
        if (receiver.alertmanager() != null) {
            return new GroupPolicy(List.of(), true, Duration.ZERO, Duration.ZERO, Duration.ZERO, receiver.alertmanager().resendEvery());
        }
        Duration wait = receiver.groupWait() != null ? receiver.groupWait() : settings.groupWait();
        return new GroupPolicy(settings.groupBy(), false, wait, shorter(wait, settings.criticalGroupWait()), settings.groupInterval(),
                receiver.repeatInterval() != null ? receiver.repeatInterval() : settings.repeatInterval());
    }

    /**
     * How long a new group waits for the rest of its alerts. Grouping saves a person from ten mails about
     * one problem; for a page, the wait is the page's delay, and the alerts of one incident come from
     * windows that one watermark closes, within milliseconds of each other: half a second gathers them.
     */
    Duration groupWaitFor(AlertEvent alert) {
        return Severity.CRITICAL.label().equals(alert.severity()) ? criticalGroupWait : groupWait;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

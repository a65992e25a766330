package io.surgewatch.notifier;

import java.time.Duration;
import java.util.List;

import io.surgewatch.config.notify.NotifierSettings;
import io.surgewatch.config.notify.ReceiverSettings;

/**
 * How a receiver's alerts are grouped and paced. People get Alertmanager's grouping; an Alertmanager
 * receiver gets every alert on its own at once, re-pushed while it fires (it groups for itself).
 */
record GroupPolicy(List<String> groupBy, boolean perAlert, Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    static GroupPolicy of(NotifierSettings settings, ReceiverSettings receiver) {
        if (receiver.alertmanager() != null) {
            return new GroupPolicy(List.of(), true, Duration.ZERO, Duration.ZERO, receiver.alertmanager().resendEvery());
        }
        return new GroupPolicy(settings.groupBy(), false, receiver.groupWait() != null ? receiver.groupWait() : settings.groupWait(),
                settings.groupInterval(), receiver.repeatInterval() != null ? receiver.repeatInterval() : settings.repeatInterval());
    }
}

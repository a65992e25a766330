package io.surgewatch.config.notify;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.surgewatch.config.Durations;

/**
 * The notifier: receivers, routes to them by labels, grouping as Alertmanager does ({@code group_by},
 * {@code group_wait}, {@code group_interval}, {@code repeat_interval}; a new group with a critical alert
 * waits only {@code critical_group_wait}), inhibitions, the time zone
 * mails are written in, and its two topics: silences (durable, compacted) and the log of delivered
 * notifications (what makes delivery idempotent across restarts), and where notifications given up on
 * are written ({@code failures_topic}). Left out, mails go to an outbox
 * directory and CollapseImminent mutes the warnings of its service.
 */
public record NotifierSettings(List<ReceiverSettings> receivers, List<NotifyRoute> routes, String defaultReceiver, List<String> groupBy,
                               Duration groupWait, Duration criticalGroupWait, Duration groupInterval, Duration repeatInterval, List<InhibitRule> inhibitRules,
                               String timeZone, String silencesTopic, String logTopic, String failuresTopic) implements Serializable {
    public NotifierSettings {
        receivers = receivers != null ? List.copyOf(receivers)
                : List.of(new ReceiverSettings("outbox", new EmailSettings(List.of("oncall@localhost"), null, null, "out/mail"), null, null));
        routes = routes != null ? List.copyOf(routes) : List.of();
        defaultReceiver = defaultReceiver != null ? defaultReceiver : receivers.get(0).name();
        groupBy = groupBy != null ? List.copyOf(groupBy) : List.of("alertname", "service");
        groupWait = groupWait != null ? groupWait : Duration.ofSeconds(30);
        criticalGroupWait = criticalGroupWait != null ? criticalGroupWait : Duration.ofMillis(500);
        groupInterval = groupInterval != null ? groupInterval : Duration.ofMinutes(5);
        repeatInterval = repeatInterval != null ? repeatInterval : Duration.ofHours(4);
        inhibitRules = inhibitRules != null ? List.copyOf(inhibitRules)
                : List.of(new InhibitRule(List.of("alertname=CollapseImminent"), List.of("severity=~warning|info"), List.of("service")));
        timeZone = timeZone != null ? timeZone : "UTC";
        silencesTopic = silencesTopic != null ? silencesTopic : "silences";
        logTopic = logTopic != null ? logTopic : "notification-log";
        failuresTopic = failuresTopic != null ? failuresTopic : "notification-failures";
        if (receivers.isEmpty()) {
            throw new IllegalArgumentException("receivers must list at least one receiver");
        }
        Set<String> names = new HashSet<>();
        for (ReceiverSettings r : receivers) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("receivers: '" + r.name() + "' is defined twice");
            }
        }
        if (!names.contains(defaultReceiver)) {
            throw new IllegalArgumentException("default_receiver: '" + defaultReceiver + "' is not one of the receivers " + names);
        }
        for (NotifyRoute route : routes) {
            if (!names.contains(route.receiver())) {
                throw new IllegalArgumentException("routes: receiver '" + route.receiver() + "' is not one of the receivers " + names);
            }
        }
        Durations.requirePositive(groupInterval, "group_interval");
        Durations.requirePositive(repeatInterval, "repeat_interval");
        if (groupWait.isNegative()) {
            throw new IllegalArgumentException("group_wait must not be negative");
        }
        if (criticalGroupWait.isNegative()) {
            throw new IllegalArgumentException("critical_group_wait must not be negative");
        }
        try {
            ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("time_zone: '" + timeZone + "' is not a time zone (e.g. Asia/Shanghai, UTC)");
        }
    }

    public static NotifierSettings defaults() {
        return new NotifierSettings(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ReceiverSettings receiver(String name) {
        return receivers.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** The same settings with other receivers (the demo's outbox, a test's servers); routes go to the first. */
    public NotifierSettings withReceivers(List<ReceiverSettings> newReceivers) {
        return new NotifierSettings(newReceivers, List.of(), newReceivers.get(0).name(), groupBy, groupWait, criticalGroupWait, groupInterval, repeatInterval,
                inhibitRules, timeZone, silencesTopic, logTopic, failuresTopic);
    }

    /** The same settings with other routes (a test's dead-man's switch). */
    public NotifierSettings withRoutes(List<NotifyRoute> newRoutes) {
        return new NotifierSettings(receivers, newRoutes, defaultReceiver, groupBy, groupWait, criticalGroupWait, groupInterval, repeatInterval, inhibitRules,
                timeZone, silencesTopic, logTopic, failuresTopic);
    }

    public NotifierSettings withTiming(Duration wait, Duration interval, Duration repeat) {
        return new NotifierSettings(receivers, routes, defaultReceiver, groupBy, wait, criticalGroupWait, interval, repeat, inhibitRules, timeZone, silencesTopic,
                logTopic, failuresTopic);
    }

    public NotifierSettings withTopics(String silences, String log, String failures) {
        return new NotifierSettings(receivers, routes, defaultReceiver, groupBy, groupWait, criticalGroupWait, groupInterval, repeatInterval, inhibitRules,
                timeZone, silences, log, failures);
    }
}

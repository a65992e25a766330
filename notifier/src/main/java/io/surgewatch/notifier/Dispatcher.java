package io.surgewatch.notifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.surgewatch.config.notify.LabelMatcher;
import io.surgewatch.config.notify.NotifierSettings;
import io.surgewatch.config.notify.NotifyRoute;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;

/**
 * From alert transitions to notifications: routes each alert to its receivers by labels, groups it,
 * and, when a group is due, says what to send, leaving out alerts that are silenced or inhibited.
 * Pending alerts notify nobody. It reads no clock: the caller says what time it is.
 */
final class Dispatcher {
    private static final java.time.Duration MUTED_RECHECK = java.time.Duration.ofSeconds(10);

    private final NotifierSettings settings;
    private final Map<String, GroupPolicy> policies = new HashMap<>();
    private final Inhibitions inhibitions;
    private final Map<String, AlertGroup> groups = new LinkedHashMap<>();
    /** Every alert's latest state, for inhibition: a firing source mutes its targets in every group. */
    private final Map<String, AlertEvent> latest = new HashMap<>();
    private final Map<String, Silence> silences = new HashMap<>();

    private final java.util.function.Predicate<String> told;

    /** {@code told} says whether a transition was already delivered (before a restart, say): it is not told again. */
    Dispatcher(NotifierSettings settings, java.util.function.Predicate<String> told) {
        this.settings = settings;
        this.told = told;
        for (ReceiverSettings r : settings.receivers()) {
            policies.put(r.name(), GroupPolicy.of(settings, r));
        }
        this.inhibitions = new Inhibitions(settings.inhibitRules());
    }

    void accept(AlertEvent alert, Instant now) {
        if (expiredAt(alert, now)) {
            forget(alert.fingerprint());
            return; // a refresh that outlived itself (read back after a restart) says nothing now
        }
        AlertEvent before = latest.get(alert.fingerprint());
        if (alert.state() == AlertState.RESOLVED) {
            latest.remove(alert.fingerprint());
        } else {
            latest.put(alert.fingerprint(), alert);
        }
        if (alert.state() == AlertState.PENDING || (alert.state() == AlertState.RESOLVED && (before == null || before.state() != AlertState.FIRING))) {
            return; // a pending alert that lapsed never reached anyone
        }
        for (String receiver : receivers(alert)) {
            GroupPolicy policy = policies.get(receiver);
            TreeMap<String, String> groupLabels = new TreeMap<>();
            if (policy.perAlert()) {
                groupLabels.putAll(alert.labels());
            } else {
                policy.groupBy().forEach(l -> groupLabels.put(l, alert.labels().getOrDefault(l, "")));
            }
            String key = receiver + ":" + groupLabels;
            AlertGroup group = groups.computeIfAbsent(key, k -> new AlertGroup(receiver, k, groupLabels));
            group.alerts.put(alert.fingerprint(), alert);
            if (group.nextFlush == null) {
                // A new group waits for the rest of its alerts; a told one for its interval since the last message.
                Instant earliest = group.lastSent == null ? now.plus(policy.groupWaitFor(alert)) : group.lastSent.plus(policy.groupInterval());
                group.nextFlush = earliest.isBefore(now) ? now : earliest;
            } else if (group.lastSent == null && now.plus(policy.groupWaitFor(alert)).isBefore(group.nextFlush)) {
                group.nextFlush = now.plus(policy.groupWaitFor(alert)); // a critical alert joins a new group of warnings: it goes out at once
            }
        }
    }

    /**
     * Drops the firing alerts whose own end has passed without a refresh (the Watchdog's validity, as
     * Alertmanager resolves an alert whose {@code endsAt} passed): quietly, since what stops is the point
     * (a dead-man's switch pages on the missing pings). Returns them.
     */
    List<AlertEvent> expire(Instant now) {
        List<AlertEvent> expired = new ArrayList<>();
        for (AlertEvent a : List.copyOf(latest.values())) {
            if (expiredAt(a, now)) {
                expired.add(a);
                forget(a.fingerprint());
            }
        }
        return expired;
    }

    private static boolean expiredAt(AlertEvent a, Instant now) {
        return a.state() == AlertState.FIRING && a.endsAtMillis() > 0 && now.toEpochMilli() >= a.endsAtMillis();
    }

    private void forget(String fingerprint) {
        latest.remove(fingerprint);
        for (Iterator<AlertGroup> it = groups.values().iterator(); it.hasNext(); ) {
            AlertGroup g = it.next();
            g.alerts.remove(fingerprint);
            if (g.alerts.isEmpty()) {
                it.remove();
            }
        }
    }

    void silence(Silence s) {
        silences.put(s.id(), s);
    }

    Map<String, Silence> silences() {
        return silences;
    }

    /** The notifications due at {@code now}; groups whose alerts have all resolved and been told are forgotten. */
    List<Notification> due(Instant now) {
        List<Notification> out = new ArrayList<>();
        for (Iterator<AlertGroup> it = groups.values().iterator(); it.hasNext(); ) {
            AlertGroup g = it.next();
            GroupPolicy policy = policies.get(g.receiver);
            boolean repeatDue = g.lastSent != null && !now.isBefore(g.lastSent.plus(policy.repeatInterval()));
            if ((g.nextFlush == null || now.isBefore(g.nextFlush)) && !repeatDue) {
                continue;
            }
            List<AlertEvent> firing = new ArrayList<>();
            List<AlertEvent> resolved = new ArrayList<>();
            boolean anyMuted = false;
            for (AlertEvent a : g.alerts.values()) {
                if (muted(a, now)) {
                    anyMuted = true;
                    g.mutedWhileFiring.add(a.fingerprint());
                    continue;
                }
                if (a.state() == AlertState.FIRING) {
                    firing.add(a);
                } else if (told.test(Notification.transition(g.receiver, firingOf(a))) || !g.mutedWhileFiring.contains(a.fingerprint())) {
                    resolved.add(a); // who was told it fired, or would have been, is told it resolved; not so for a muted one
                }
            }
            // A muted alert is looked at again every group_interval: when its silence ends or its inhibitor resolves, it is told.
            g.nextFlush = anyMuted ? now.plus(MUTED_RECHECK.compareTo(policy.groupInterval()) > 0 ? MUTED_RECHECK : policy.groupInterval()) : null;
            for (Iterator<AlertEvent> kept = g.alerts.values().iterator(); kept.hasNext(); ) {
                AlertEvent a = kept.next();
                if (a.state() == AlertState.RESOLVED) {
                    g.mutedWhileFiring.remove(a.fingerprint());
                    kept.remove();
                }
            }
            Notification n = Notification.of(g.receiver, g.key, g.labels, firing, resolved, null);
            boolean untold = n.transitions().stream().anyMatch(t -> !told.test(t));
            boolean changed = !n.id().equals(g.lastContent) && untold;
            if (!untold && g.lastSent == null && !firing.isEmpty()) {
                g.lastSent = now; // told before a restart: repeat from here, not at once
                g.lastContent = n.id();
            }
            if (changed) {
                g.lastContent = n.id();
                g.lastSent = now;
                out.add(n);
            } else if (repeatDue && !firing.isEmpty()) {
                g.lastSent = now;
                String bucket = Long.toString(now.toEpochMilli() / policy.repeatInterval().toMillis());
                out.add(Notification.of(g.receiver, g.key, g.labels, firing, List.of(), "repeat " + bucket));
            }
            if (g.alerts.isEmpty()) {
                it.remove();
            }
        }
        return out;
    }

    /** When the next group falls due, for the service's poll timeout. */
    Instant nextDue() {
        Instant next = null;
        for (AlertGroup g : groups.values()) {
            Instant t = g.nextFlush != null ? g.nextFlush : g.lastSent == null ? null : g.lastSent.plus(policies.get(g.receiver).repeatInterval());
            if (t != null && (next == null || t.isBefore(next))) {
                next = t;
            }
        }
        return next;
    }

    private static AlertEvent firingOf(AlertEvent resolved) {
        return new AlertEvent(resolved.fingerprint(), resolved.rule(), resolved.severity(), AlertState.FIRING, resolved.labels(),
                resolved.annotations(), resolved.value(), resolved.startsAtMillis(), 0, resolved.evidence());
    }

    /** Whether a group waits to be told something (repeats of unchanged groups aside). */
    boolean flushPending() {
        return groups.values().stream().anyMatch(g -> g.nextFlush != null);
    }

    int activeAlerts() {
        return (int) latest.values().stream().filter(a -> a.state() == AlertState.FIRING).count();
    }

    private boolean muted(AlertEvent a, Instant now) {
        for (Silence s : silences.values()) {
            if (s.mutes(a.labels(), now)) {
                return true;
            }
        }
        return a.state() == AlertState.FIRING && inhibitions.inhibited(a, latest.values());
    }

    private List<String> receivers(AlertEvent alert) {
        List<String> receivers = new ArrayList<>();
        for (NotifyRoute route : settings.routes()) {
            if (LabelMatcher.all(route.parsedMatchers(), alert.labels())) {
                receivers.add(route.receiver());
                if (!route.continueMatching()) {
                    return receivers;
                }
            }
        }
        // The Watchdog is for a dead-man's switch a route names: on-call's default receiver would get it every repeat_interval.
        if (receivers.isEmpty() && !RuleCatalog.WATCHDOG.equals(alert.rule())) {
            receivers.add(settings.defaultReceiver());
        }
        return receivers;
    }
}

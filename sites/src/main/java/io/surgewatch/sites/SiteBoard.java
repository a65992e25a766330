package io.surgewatch.sites;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.sites.Site;
import io.surgewatch.config.sites.SiteRegistry;
import io.surgewatch.model.FallbackDecision;

/**
 * The sites' state machine. A fallback decision moves every site that depends on its scope (ENTER:
 * to FALLBACK_REQUESTED; EXIT: sites in fallback to RESUME_REQUESTED); an acknowledgement with the
 * site's token completes the step; a site that has not acknowledged within {@code ack_within} is told
 * again and its district coordinator is told. Each change is a {@link Transition} for the store, the
 * audit log and the messages. It reads no clock: the caller says what time it is.
 */
final class SiteBoard {
    /** A change of one site: its new state, who or what caused it and how, and whether it is a reminder. */
    record Transition(Site site, SiteState state, String by, String how, long predictedCollapseAtMillis, boolean reminder, long atMillis) {
    }

    private final SiteRegistry registry;
    private final Duration ackWithin;
    private final Map<String, SiteState> states = new LinkedHashMap<>();

    SiteBoard(SiteRegistry registry, Duration ackWithin) {
        this.registry = registry;
        this.ackWithin = ackWithin;
        registry.sites().forEach(s -> states.put(s.id(), SiteState.normal(s.id())));
    }

    /** A state read back from the status topic after a restart; sites no longer in the registry are ignored. */
    void restore(SiteState state) {
        if (states.containsKey(state.siteId())) {
            states.put(state.siteId(), state);
        }
    }

    SiteState state(String siteId) {
        return states.get(siteId);
    }

    Map<String, SiteState> states() {
        return states;
    }

    List<Transition> onDecision(FallbackDecision d, Instant now) {
        List<Transition> out = new ArrayList<>();
        for (Site site : registry.dependingOn(d.scope())) {
            SiteState s = states.get(site.id());
            if (s.decisionAtMillis() >= d.decidedAtMillis()) {
                continue; // handled before a restart
            }
            SiteStatus to;
            if (d.action() == FallbackDecision.Action.ENTER && (s.status() == SiteStatus.NORMAL || s.status() == SiteStatus.RESUME_REQUESTED)) {
                to = SiteStatus.FALLBACK_REQUESTED;
            } else if (d.action() == FallbackDecision.Action.EXIT && (s.status() == SiteStatus.FALLBACK_REQUESTED
                    || s.status() == SiteStatus.FALLBACK_ACKNOWLEDGED)) {
                to = SiteStatus.RESUME_REQUESTED;
            } else {
                continue;
            }
            SiteState next = s.requested(to, d.scope(), d.decidedAtMillis(), now.toEpochMilli());
            states.put(site.id(), next);
            out.add(new Transition(site, next, "surgewatch", "fallback " + d.action().name() + " for " + d.scope() + ": " + d.reason(),
                    d.predictedCollapseAtMillis(), false, now.toEpochMilli()));
        }
        return out;
    }

    /**
     * The acknowledgement of a site, not yet taken: the caller records it durably first, then
     * {@link #take}s it. Null if there was nothing to acknowledge (a second click changes nothing).
     */
    Transition acknowledgement(String siteId, String by, Instant now) {
        SiteState s = states.get(siteId);
        if (s == null || !s.status().awaitsAcknowledgement()) {
            return null;
        }
        SiteStatus to = s.status() == SiteStatus.FALLBACK_REQUESTED ? SiteStatus.FALLBACK_ACKNOWLEDGED : SiteStatus.NORMAL;
        SiteState next = s.acknowledged(to, by, now.toEpochMilli());
        return new Transition(registry.site(siteId), next, by, "acknowledged on the status page", 0, false, now.toEpochMilli());
    }

    /** Takes a transition that was recorded. */
    void take(Transition t) {
        states.put(t.site().id(), t.state());
    }

    /** Sites whose instruction has waited {@code ack_within} (again) without acknowledgement: tell them again. */
    List<Transition> overdue(Instant now) {
        List<Transition> out = new ArrayList<>();
        for (SiteState s : states.values()) {
            if (s.status().awaitsAcknowledgement()
                    && now.toEpochMilli() >= s.requestedAtMillis() + ackWithin.toMillis() * (s.reminders() + 1)) {
                SiteState next = s.reminded();
                states.put(s.siteId(), next);
                out.add(new Transition(registry.site(s.siteId()), next, "surgewatch", "not acknowledged within "
                        + ackWithin.multipliedBy(next.reminders()).toMinutes() + " min: told again, coordinator told", 0, true, now.toEpochMilli()));
            }
        }
        return out;
    }

    /** When the next reminder falls due, or null. */
    Instant nextOverdue() {
        return states.values().stream().filter(s -> s.status().awaitsAcknowledgement())
                .map(s -> Instant.ofEpochMilli(s.requestedAtMillis() + ackWithin.toMillis() * (s.reminders() + 1)))
                .min(Instant::compareTo).orElse(null);
    }
}

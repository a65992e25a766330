package io.surgewatch.model;

import java.util.List;

/**
 * A decision about testing sites for one scope (a service, or a service in a region): ENTER means
 * switch to ID-card registration now; EXIT means resume code scanning. {@code triggeringAlerts} are
 * the rules (and their fingerprints) that led to it; {@code predictedCollapseAtMillis} is when the
 * platform was forecast to reach capacity, 0 when no forecast was available.
 */
public record FallbackDecision(String scope, Action action, long decidedAtMillis, String reason, List<String> triggeringAlerts,
                               long predictedCollapseAtMillis, String policy) {
    public enum Action { ENTER, EXIT }

    /** {@code scope|action|decidedAt}: a decision written twice (at least once, after a failover) has the same id; a reader keeps the first. */
    public String id() {
        return scope + "|" + action + "|" + decidedAtMillis;
    }
}

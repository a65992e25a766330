package io.surgewatch.cli.rules;

import java.time.Duration;

import io.surgewatch.config.Severity;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;

/**
 * An alert a test expects (or forbids): the rule, and optionally the route ({@code *} for the whole
 * service), severity, a label value, and times as offsets from the first window: when its first
 * breaching window began ({@code starts_at}), when it fired ({@code fires_at}: the end of the window
 * that made it fire) and when it resolved ({@code resolves_at}).
 */
public record ExpectedAlert(String alert, String route, Severity severity, Duration startsAt, Duration firesAt, Duration resolvesAt) {
    public ExpectedAlert {
        if (alert == null || alert.isBlank()) {
            throw new IllegalArgumentException("alert is required");
        }
    }

    public boolean matches(AlertEvent a) {
        return a.rule().equals(alert) && (route == null || route.equals(a.label(AlertEvent.LABEL_ROUTE)))
                && (severity == null || severity.label().equals(a.severity())) && a.state() == AlertState.FIRING;
    }

    @Override
    public String toString() {
        return alert + (route == null ? "" : " " + route) + (severity == null ? "" : " " + severity.label());
    }
}

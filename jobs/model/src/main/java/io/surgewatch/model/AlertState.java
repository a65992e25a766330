package io.surgewatch.model;

/** The lifecycle of an alert, as in Prometheus: pending until its {@code for} has passed, then firing, then resolved. */
public enum AlertState {
    PENDING, FIRING, RESOLVED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

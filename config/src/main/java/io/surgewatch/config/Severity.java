package io.surgewatch.config;

/** How urgent an alert is; the names follow Alertmanager's conventional severity label values. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.surgewatch.model;

/**
 * A service saying it is alive: {@code component} (notifier, sites), which {@code instance} (host and
 * process), and when by its clock. Published every {@link #EVERY_MILLIS} on the compacted
 * {@code heartbeats} topic, keyed by component, so the newest beat of each is always there to read.
 */
public record Heartbeat(String component, String instance, long atMillis) {
    /** Five seconds: a ComponentDown timeout of 30 s is six missed beats, past a GC pause or a broker failover. */
    public static final long EVERY_MILLIS = 5_000;

    public Heartbeat {
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("component is missing");
        }
        instance = instance == null ? "" : instance;
        if (atMillis <= 0) {
            throw new IllegalArgumentException("at is missing");
        }
    }
}

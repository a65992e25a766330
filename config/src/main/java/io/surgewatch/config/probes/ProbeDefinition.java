package io.surgewatch.config.probes;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.Durations;

/**
 * One probe: a flow of steps run as a citizen or a testing site would, every {@code interval} (plus up
 * to {@code jitter}, so that probes from many places do not arrive in step), each run cut off after
 * {@code timeout}. One attempt per interval, never a retry: a probe must not add to a retry storm.
 */
public record ProbeDefinition(String id, String service, Duration interval, Duration jitter, Duration timeout,
                              SortedMap<String, String> labels, List<ProbeStep> steps) implements Serializable {
    public ProbeDefinition {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("id: '" + id + "' is not a probe id (lower-case letters, digits, . _ -; up to 63)");
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service: the service this probe watches must be named (alerts carry it)");
        }
        interval = interval != null ? interval : Duration.ofSeconds(30);
        jitter = jitter != null ? jitter : Duration.ZERO;
        timeout = timeout != null ? timeout : Duration.ofSeconds(10);
        labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
        Durations.requirePositive(interval, "interval");
        Durations.requirePositive(timeout, "timeout");
        if (jitter.isNegative() || jitter.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("jitter: must lie in [0s, interval " + Durations.format(interval) + "), got " + Durations.format(jitter));
        }
        if (timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("timeout: " + Durations.format(timeout) + " is longer than the interval "
                    + Durations.format(interval) + "; one run must end before the next starts");
        }
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("steps: a probe needs at least one step");
        }
        steps = List.copyOf(steps);
    }

    /** The same flow on another schedule (the demo runs the example probes on its compressed clock). */
    public ProbeDefinition withTiming(Duration newInterval, Duration newJitter, Duration newTimeout) {
        return new ProbeDefinition(id, service, newInterval, newJitter, newTimeout, labels, steps);
    }
}

package io.surgewatch.detect.component;

import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.Heartbeat;

/** What became of one heartbeats record: exactly one of {@code heartbeat} and {@code deadLetter} is set. */
public record ParsedHeartbeat(Heartbeat heartbeat, DeadLetter deadLetter) {
    /** The event time for watermarking; a dead letter has none and must not move the watermark. */
    public long eventTimeOr(long fallback) {
        return heartbeat != null ? heartbeat.atMillis() : fallback;
    }
}

package io.surgewatch.detect.probe;

import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.ProbeResult;

/** What became of one probe-results record: exactly one of {@code result} and {@code deadLetter} is set. */
public record ParsedProbe(ProbeResult result, DeadLetter deadLetter) {
    /** The event time for watermarking; a dead letter has none and must not move the watermark. */
    public long eventTimeOr(long fallback) {
        return result != null ? result.endedAtMillis() : fallback;
    }
}

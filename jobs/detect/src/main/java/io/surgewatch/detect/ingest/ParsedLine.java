package io.surgewatch.detect.ingest;

import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.DeadLetter;

/** What became of one raw line: exactly one of {@code event} and {@code deadLetter} is set. */
public record ParsedLine(AccessLogEvent event, DeadLetter deadLetter) {
    public static ParsedLine ok(AccessLogEvent event) {
        return new ParsedLine(event, null);
    }

    public static ParsedLine bad(DeadLetter deadLetter) {
        return new ParsedLine(null, deadLetter);
    }

    /**
     * The event time for watermarking. A dead letter has none of its own: {@code Long.MIN_VALUE}
     * keeps it from moving the watermark (a garbage timestamp must not make good events late).
     */
    public long eventTimeOr(long fallback) {
        return event != null ? event.timestampMillis() : fallback;
    }
}

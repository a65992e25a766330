package io.surgewatch.detect.stats;

/**
 * Requests and failed requests of one service in one second of event time, as one reader saw them:
 * the fast path's input, which the readers' counts of the same second add up to.
 */
public record SecondCount(String service, long startMillis, long count, long errors) {
    public static final long MILLIS = 1_000;

    public long lastMillis() {
        return startMillis + MILLIS - 1;
    }
}

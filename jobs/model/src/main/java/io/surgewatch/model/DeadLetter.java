package io.surgewatch.model;

/**
 * Input that could not be used, kept whole with the reason and where it came from so that an
 * operator can find, fix and replay it. {@code raw} is the original bytes, base64-encoded in JSON.
 */
public record DeadLetter(String source, String reason, byte[] raw, String topic, int partition, long offset) {
    public static final String SOURCE_ACCESS_LOG = "access-log";
    public static final String SOURCE_LATE_EVENT = "late-event";
}

package io.surgewatch.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Input that could not be used, kept with the reason and where it came from so that an operator can
 * find, fix and replay it. {@code raw} is the original bytes, base64-encoded in JSON, cut to
 * {@link #MAX_RAW_BYTES}: a hostile megabyte line must not become a dead letter larger than the broker
 * accepts (its sink would fail and take the job with it). {@code originalLength} and {@code sha256}
 * (of the whole original) say what was cut and let it be matched against the source. Build with
 * {@link #of}, which applies the caps.
 */
public record DeadLetter(String source, String reason, byte[] raw, int originalLength, String sha256,
                         String topic, int partition, long offset) {
    public static final String SOURCE_ACCESS_LOG = "access-log";
    public static final String SOURCE_LATE_EVENT = "late-event";
    /** 64 KiB: far above any real log line, 4 % of Kafka's default 1 MiB message limit after base64. */
    public static final int MAX_RAW_BYTES = 64 * 1024;
    /** A reason quotes the offending value; a huge value is cut so that the reason stays readable. */
    public static final int MAX_REASON_CHARS = 1024;

    public static DeadLetter of(String source, String reason, byte[] raw, String topic, int partition, long offset) {
        byte[] whole = raw != null ? raw : new byte[0];
        byte[] kept = whole.length > MAX_RAW_BYTES ? Arrays.copyOf(whole, MAX_RAW_BYTES) : whole;
        String why = reason == null ? "" : reason.length() > MAX_REASON_CHARS
                ? reason.substring(0, MAX_REASON_CHARS) + "... (" + reason.length() + " characters)" : reason;
        return new DeadLetter(source, why, kept, whole.length, sha256(whole), topic, partition, offset);
    }

    /** A dead letter that carries a summary rather than input bytes (late windows). */
    public static DeadLetter summary(String source, String reason, byte[] summaryJson) {
        return of(source, reason, summaryJson, "", -1, -1);
    }

    public boolean truncated() {
        return raw.length < originalLength;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package io.surgewatch.notifier;

import java.time.Duration;

/**
 * What became of one attempt: delivered; to be retried (after {@code retryAfter} if the receiver
 * said, else after the backoff); or refused for good (a 4xx other than 429: retrying cannot help).
 */
public record DeliveryResult(Kind kind, Duration retryAfter, String detail) {
    public enum Kind { DELIVERED, RETRY, REFUSED }

    public static DeliveryResult delivered() {
        return new DeliveryResult(Kind.DELIVERED, null, "ok");
    }

    public static DeliveryResult retry(String detail) {
        return new DeliveryResult(Kind.RETRY, null, detail);
    }

    public static DeliveryResult retryAfter(Duration after, String detail) {
        return new DeliveryResult(Kind.RETRY, after, detail);
    }

    public static DeliveryResult refused(String detail) {
        return new DeliveryResult(Kind.REFUSED, null, detail);
    }
}

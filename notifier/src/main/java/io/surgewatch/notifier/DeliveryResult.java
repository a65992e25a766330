package io.surgewatch.notifier;

import java.time.Duration;

/**
 * What became of one attempt: delivered; to be retried (after {@code retryAfter} if the receiver
 * said, else after the backoff), with an {@code alarm} when a person must act (credentials refused); or
 * refused (an SMTP 5xx, an HTTP 4xx other than 401, 403, 408 and 429: about this message, not the
 * receiver's moment), which the {@link RetryOutbox} tries a bounded number of times before giving it up.
 */
public record DeliveryResult(Kind kind, Duration retryAfter, String detail, boolean alarm) {
    public enum Kind { DELIVERED, RETRY, REFUSED }

    public static DeliveryResult delivered() {
        return new DeliveryResult(Kind.DELIVERED, null, "ok", false);
    }

    public static DeliveryResult retry(String detail) {
        return new DeliveryResult(Kind.RETRY, null, detail, false);
    }

    /** To be retried, and someone must act: the receiver refuses the credentials (401, 403). */
    public static DeliveryResult retryWithAlarm(String detail) {
        return new DeliveryResult(Kind.RETRY, null, detail, true);
    }

    public static DeliveryResult retryAfter(Duration after, String detail) {
        return new DeliveryResult(Kind.RETRY, after, detail, false);
    }

    public static DeliveryResult refused(String detail) {
        return new DeliveryResult(Kind.REFUSED, null, detail, false);
    }
}

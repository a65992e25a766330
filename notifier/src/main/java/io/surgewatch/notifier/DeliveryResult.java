package io.surgewatch.notifier;

import java.time.Duration;

/**
 * What became of one attempt: delivered; to be retried (after {@code retryAfter} if the receiver
 * said, else after the backoff); or refused for good (a 4xx other than 429: retrying cannot help).
 */
record DeliveryResult(Kind kind, Duration retryAfter, String detail) {
    enum Kind { DELIVERED, RETRY, REFUSED }

    static DeliveryResult delivered() {
        return new DeliveryResult(Kind.DELIVERED, null, "ok");
    }

    static DeliveryResult retry(String detail) {
        return new DeliveryResult(Kind.RETRY, null, detail);
    }

    static DeliveryResult retryAfter(Duration after, String detail) {
        return new DeliveryResult(Kind.RETRY, after, detail);
    }

    static DeliveryResult refused(String detail) {
        return new DeliveryResult(Kind.REFUSED, null, detail);
    }
}

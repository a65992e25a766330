package io.surgewatch.simulator.scenario;

import java.io.Serializable;
import java.time.Duration;

/**
 * What citizens do when the page hangs or fails: after a failure (an error page, a gateway timeout,
 * or their own patience running out) they refresh with {@code retry_probability}, after about
 * {@code retry_delay}, at most {@code max_retries} times, and then give up. This is the retry storm
 * the officials asked people to stop.
 */
public record UserBehaviour(Duration patience, Double retryProbability, Duration retryDelay, Integer maxRetries)
        implements Serializable {
    public UserBehaviour {
        patience = patience != null ? patience : Duration.ofSeconds(8);
        retryProbability = retryProbability != null ? retryProbability : 0.7;
        retryDelay = retryDelay != null ? retryDelay : Duration.ofSeconds(3);
        maxRetries = maxRetries != null ? maxRetries : 4;
        if (patience.isNegative() || patience.isZero()) {
            throw new IllegalArgumentException("patience must be positive");
        }
        if (!(retryProbability >= 0 && retryProbability <= 1)) {
            throw new IllegalArgumentException("retry_probability must lie in [0, 1], got " + retryProbability);
        }
        if (retryDelay.isNegative() || retryDelay.isZero() || retryDelay.toSeconds() > 60) {
            throw new IllegalArgumentException("retry_delay must lie between 1ms and 60s");
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("max_retries must lie between 0 and 20, got " + maxRetries);
        }
    }

    public static UserBehaviour defaults() {
        return new UserBehaviour(null, null, null, null);
    }
}

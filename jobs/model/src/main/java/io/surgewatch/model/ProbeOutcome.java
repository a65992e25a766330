package io.surgewatch.model;

import java.util.Locale;

/**
 * How a probe run ended, as a citizen would have seen it. {@link #SLOW} answered correctly but over
 * its latency budget: it counts towards ProbeLatency, not towards ProbeFailures.
 */
public enum ProbeOutcome {
    OK, SLOW, HTTP_ERROR, TIMEOUT, REFUSED, RESET, ASSERTION_FAILED, NETWORK_ERROR;

    /** The citizen did not get what they came for. */
    public boolean failed() {
        return this != OK && this != SLOW;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProbeOutcome ofLabel(String label) {
        try {
            return valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome '" + label + "' is not one of ok, slow, http_error, timeout, refused, reset, "
                    + "assertion_failed, network_error");
        }
    }
}

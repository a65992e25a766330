package io.surgewatch.config.rules;

import java.time.Duration;

import io.surgewatch.config.Durations;

/**
 * TrafficDrop: a service's request rate fell below {@code share} of what its own last {@code history}
 * predicts (their median) for {@code low_for}, or no line came at all for {@code silent_for} while its
 * probes fail or there are none. A city's demand moves over many minutes, even at a flash crowd's end;
 * a platform or its entry point that breaks loses its traffic within a window. So the minute after is
 * compared with the two minutes before it: a step shows, a slope (even to 2% of the peak at night)
 * does not, unless it loses four fifths within about two minutes. It needs an expectation of at least
 * {@code min_expected_rps}: at 1 request/s, thirty silent seconds are a chance of e^-30 for a Poisson
 * stream; at a tenth of that, of one in twenty, so a quiet night is never an outage. It resolves
 * after {@code low_for} of windows back at or above the share.
 */
public record TrafficDropCondition(Double share, Double minExpectedRps, Duration silentFor, Duration lowFor, Duration history)
        implements RuleCondition {
    public TrafficDropCondition {
        share = share != null ? share : 0.2;
        minExpectedRps = minExpectedRps != null ? minExpectedRps : 1.0;
        silentFor = silentFor != null ? silentFor : Duration.ofSeconds(30);
        lowFor = lowFor != null ? lowFor : Duration.ofSeconds(60);
        history = history != null ? history : Duration.ofMinutes(2);
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("share must lie in (0, 1) of the expected rate, got " + share);
        }
        if (!(minExpectedRps > 0) || Double.isInfinite(minExpectedRps)) {
            throw new IllegalArgumentException("min_expected_rps must be a positive number of requests/s, got " + minExpectedRps);
        }
        Durations.requirePositive(silentFor, "silent_for");
        Durations.requirePositive(lowFor, "low_for");
        Durations.requirePositive(history, "history");
        if (history.compareTo(lowFor) <= 0) {
            throw new IllegalArgumentException("history (" + Durations.format(history) + ") must be longer than low_for ("
                    + Durations.format(lowFor) + "): the expectation comes from before the drop");
        }
    }

    public static TrafficDropCondition defaults() {
        return new TrafficDropCondition(null, null, null, null, null);
    }
}
